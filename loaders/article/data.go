package article

// Field names of article pages, lower-case, with the Meta key each goes to.
var fieldNames = map[string]string{
	"publication type": "publication type", "type of publication": "publication type",
	"тип публикации": "publication type", "文献类型": "publication type", "文章类型": "publication type",
	"status": "status", "статус": "status", "状态": "status",
	"occupation": "occupation", "position": "occupation", "должность": "occupation", "职务": "occupation", "职称": "occupation",
	"affiliation": "affiliation", "место работы": "affiliation", "организация": "affiliation", "单位": "affiliation", "作者单位": "affiliation", "機構": "affiliation", "机构": "affiliation",
	"address": "address", "адрес": "address", "地址": "address",
	"journal name": "journal name", "journal": "journal name", "название журнала": "journal name", "журнал": "journal name", "期刊名称": "journal name", "刊名": "journal name", "期刊": "journal name",
	"edition": "edition", "issue": "edition", "выпуск": "edition", "номер": "edition", "期号": "edition", "期": "edition",
	"volume": "volume", "том": "volume", "卷": "volume",
	"pages": "pages", "страницы": "pages", "页码": "pages",
	"keywords": "keywords", "key words": "keywords", "ключевые слова": "keywords", "关键词": "keywords", "關鍵詞": "keywords", "关键字": "keywords",
	"publication date": "publication date", "date of publication": "publication date", "published": "publication date",
	"дата публикации": "publication date", "发表日期": "publication date", "出版日期": "publication date", "发布日期": "publication date",
	"number of characters": "number of characters", "количество знаков": "number of characters", "количество символов": "number of characters", "字数": "number of characters",
	"doi": "doi", "udc": "udc", "удк": "udc", "issn": "issn", "isbn": "isbn",
	"authors": "authors", "author": "authors", "авторы": "authors", "автор": "authors", "作者": "authors",
	"received": "received", "поступила в редакцию": "received", "收稿日期": "received",
	"accepted": "accepted", "принята к публикации": "accepted",
	"rubric": "rubric", "рубрика": "rubric", "栏目": "rubric",
	"year": "year", "год": "year", "年份": "year",
	"abstract": "abstract", "annotation": "abstract", "summary": "abstract", "аннотация": "abstract", "摘要": "abstract", "內容提要": "abstract", "内容提要": "abstract",
}

// abstractKey is the field whose value is body text, not metadata.
const abstractKey = "abstract"

// Substrings of shop and site boilerplate lines, lower-case.
var boilerplate = []string{
	"number of purchasers", "readers community rating", "when subscribing to an article",
	"need to register", "orphus", "add to cart", "buy article", "download pdf", "views:",
	"число покупателей", "рейтинг читателей", "при подписке на статью", "необходимо зарегистрироваться",
	"купить", "в корзину", "скачать pdf", "просмотров:", "加入购物车", "购买", "下载pdf",
}

// Currency words of price lines such as "100 rub.".
var currencies = map[string]bool{
	"rub": true, "rub.": true, "руб": true, "руб.": true, "₽": true, "usd": true, "$": true, "eur": true,
	"€": true, "cny": true, "元": true, "rmb": true,
}

// Headings that open the list of references, lower-case.
var referenceHeadings = map[string]bool{
	"references": true, "bibliography": true, "literature": true, "sources": true, "notes": true,
	"список литературы": true, "литература": true, "библиография": true, "источники": true,
	"参考文献": true, "參考文獻": true, "注释": true, "注釋": true,
}

// Language markers of references, such as "(In Russ.)", lower-case without
// the "in " and the parentheses.
var langMarkers = map[string]string{
	"russ": "ru", "russ.": "ru", "russian": "ru", "rus.": "ru", "rus": "ru",
	"eng": "en", "eng.": "en", "engl.": "en", "english": "en",
	"chin": "zh", "chin.": "zh", "chinese": "zh", "chn.": "zh",
	"jap.": "ja", "japanese": "ja", "kor.": "ko", "korean": "ko",
	"fr.": "fr", "french": "fr", "germ.": "de", "german": "de", "ukr.": "uk", "ukrainian": "uk",
}

// Words that introduce an access date, which is not the work's date.
var accessWords = []string{"accessed", "date accessed", "access date", "дата обращения", "访问日期", "引用日期", "检索日期"}
