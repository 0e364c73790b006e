package l10n

// portraitMessages are the findings about the heroes' photos: what
// package portrait refuses in a photo itself, how the loader (package
// records) names a photo, and the rules between a photo and its record.
var portraitMessages = []entry{
	{"this is a %s image, not a JPEG; save or export the photo as JPEG (.jpg)",
		"这是 %s 图片，不是 JPEG；请把照片另存或导出为 JPEG（.jpg）格式"},
	{"this is not a JPEG image; save or export the photo as JPEG (.jpg)",
		"这不是 JPEG 图片；请把照片另存或导出为 JPEG（.jpg）格式"},
	{"the JPEG ends before its image does: the file was cut short; copy the photo again",
		"JPEG 文件不完整：图像数据还没结束，文件就断了；请重新复制照片"},
	{"the JPEG is damaged: its parts do not fit together; save the photo again as JPEG",
		"JPEG 文件已损坏，各部分对不上；请把照片重新另存为 JPEG"},
	{"this JPEG uses a coding roll cannot read (lossless, hierarchical or arithmetic); save the photo again as an ordinary JPEG",
		"这个 JPEG 使用了 roll 不能读取的编码（无损、分层或算术编码）；请把照片重新另存为普通 JPEG"},
	{"this JPEG has more than %d scans; save the photo again as an ordinary JPEG",
		"这个 JPEG 的扫描段超过 %d 个；请把照片重新另存为普通 JPEG"},
	{"the photo is %d×%d pixels, more than the %s pixels roll decodes; save it smaller",
		"照片为 %d×%d 像素，超过 roll 可解码的 %s 像素；请缩小后再保存"},
	{"the photo is %d×%d pixels upright, smaller than the %d×%d a portrait needs; use a larger photo",
		"照片竖放时为 %d×%d 像素，小于人员照片所需的 %d×%d；请换一张更大的照片"},
	{"the photo has %s bytes, more than the %s a portrait may have; save it smaller (a phone's photo at its usual size is 2 to 5 MB)",
		"照片有 %s 字节，超过人员照片的上限 %s 字节；请缩小后再保存（手机照片的常规大小为 2 至 5 MB）"},
	{"a hero's portrait is a JPEG file named after the record, with the extension .jpg: records/heroes/<jurisdiction>/<id>.jpg",
		"人员照片是与人员记录同名、扩展名为 .jpg 的 JPEG 文件：records/heroes/<辖区>/<编号>.jpg"},
	{"no hero record %s beside this photo; a portrait is named as its hero's record is, with .jpg for .md",
		"这张照片旁边没有人员记录 %s；照片的文件名应与人员记录相同，只把 .md 换成 .jpg"},
	{"the photo is not published: %s does not set public.photo_consent: true; set it once the hero agrees in writing",
		"照片不会公开：%s 没有填写 public.photo_consent: true；取得本人书面同意后再填写"},
	{"the photo is never published: %s is shown anonymized (public.anonymize), and a photo would show who it is",
		"照片永不公开：%s 为匿名展示（public.anonymize），照片会让人认出本人"},
}
