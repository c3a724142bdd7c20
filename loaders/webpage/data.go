package webpage

// Names of languages as language switchers write them, lower-cased.
var languageNames = map[string]bool{
	"中文": true, "简体中文": true, "繁體中文": true, "简体": true, "繁體": true, "english": true, "français": true,
	"francais": true, "русский": true, "русский язык": true, "日本語": true, "español": true, "espanol": true,
	"عربي": true, "العربية": true, "deutsch": true, "한국어": true, "português": true, "portugues": true,
	"türkçe": true, "bahasa indonesia": true, "қазақ тілі": true, "tiếng việt": true, "lingua italiana": true,
	"italiano": true, "हिन्दी": true, "ไทย": true, "монгол": true, "polski": true, "esperanto": true,
	"kiswahili": true, "فارسی": true, "українська": true, "беларуская": true, "magyar": true, "čeština": true,
	"nederlands": true, "svenska": true, "bahasa melayu": true, "lao": true, "ລາວ": true, "မြန်မာ": true,
	"ខ្មែរ": true, "tiếng việt nam": true, "uyghur": true, "ئۇيغۇرچە": true, "བོད་ཡིག": true, "ελληνικά": true,
	"srpski": true, "српски": true, "română": true, "hebrew": true, "עברית": true, "urdu": true, "اردو": true,
	"bengali": true, "বাংলা": true, "pashto": true, "پښتو": true, "filipino": true, "hausa": true,
}

// Metadata keys of page headers, lower-cased, with the Meta key they go to.
var metaKeys = map[string]string{
	"updated": "updated", "update": "updated", "last updated": "updated", "更新时间": "updated", "更新時間": "updated",
	"by": "by", "source": "source", "来源": "source", "來源": "source", "источник": "source", "出处": "source",
	"author": "author", "作者": "author", "автор": "author", "writer": "author", "reporter": "author", "记者": "author",
	"editor": "editor", "编辑": "editor", "編輯": "editor", "责任编辑": "editor", "責任編輯": "editor", "редактор": "editor",
	"date": "date", "日期": "date", "дата": "date", "time": "date", "时间": "date", "時間": "date",
	"published": "published", "publish date": "published", "publication date": "published",
	"发布时间": "published", "發布時間": "published", "发布日期": "published", "опубликовано": "published",
	"web editor": "editor", "translated by": "translator", "translator": "translator",
}

// Phrases that make up boilerplate lines, lower-cased.
var footerPhrases = map[string]bool{
	"contact us": true, "about us": true, "privacy policy": true, "terms of use": true, "sitemap": true,
	"site map": true, "print": true, "e-mail": true, "email": true, "share": true, "feedback": true,
	"back to top": true, "top": true, "close": true, "subscribe": true, "rss": true, "advertise": true,
	"联系我们": true, "關於我們": true, "关于我们": true, "网站地图": true, "打印": true,
	"关闭": true, "分享": true, "返回顶部": true, "免责声明": true, "网站声明": true, "收藏": true,
	"聯繫我們": true, "聯絡我們": true, "網站地圖": true, "關閉": true, "返回頂部": true, "免責聲明": true,
	"網站聲明": true, "列印": true,
	"контакты": true, "о нас": true, "печать": true,
}

// Substrings that mark a short line as boilerplate wherever they occur.
var footerMarks = []string{"©", "copyright", "all rights reserved", "版权所有", "版權所有", "icp备", "icp證", "все права защищены"}

// First segments of breadcrumbs and labels that introduce them, lower-cased.
var homeWords = map[string]bool{
	"home": true, "homepage": true, "首页": true, "首頁": true, "主页": true, "главная": true, "accueil": true,
}

var breadcrumbLabels = []string{
	"当前位置：", "当前位置:", "當前位置：", "當前位置:", "您的位置：", "您的位置:", "现在位置：", "現在位置：",
	"you are here:", "location:", "current location:", "вы здесь:",
}
