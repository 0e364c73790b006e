package synth

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// A scenario is one kind of deed with the fragments its narrative is
// composed from. Fragments hold placeholders in braces that story fills:
// {人} the hero as the narrative names them, {他} he or she, {地点} the place,
// {受害} the people in danger, {河} a river of the jurisdiction, {职业} the
// hero's occupation.
type scenario struct {
	kind    string // deed.kind
	setting string // water | road | village | site: how the place is made
	missing bool   // whether the hero may be missing afterwards (a flood, a river)
	victims []string
	summary []string // at most 60 characters once filled
	trigger []string
	act     []string
	result  []string
}

var scenarios = []scenario{
	{
		kind: "rescue", setting: "water", missing: true,
		victims: []string{"一名十岁左右的男孩", "两名在河边玩耍的小学生", "一位钓鱼的老人", "一名骑电动车的妇女", "一名七岁的女孩"},
		summary: []string{"跳入{河}救起落水的{受害短}", "下水救起{受害短}", "在{河}中救起溺水的{受害短}"},
		trigger: []string{"{地点}，{受害}不慎掉进水中，在河心挣扎呼救。", "{地点}传来“有人落水了”的呼喊声，{受害}被水流冲离岸边，情况十分危急。", "{地点}，{受害}在岸边滑倒落水，很快被冲到水深处。"},
		act:     []string{"正在附近的{人}闻声赶来，来不及脱掉外衣，纵身跳入冰冷的河水中。", "{人}一边让旁人拨打110和120，一边脱下鞋子跳进河里，奋力向落水者游去。", "{他}游到落水者身边，从背后托住其头部，一手划水，艰难地向岸边靠近。", "河水湍急，{他}几次被冲开，又几次游回去，始终没有松手。", "岸上的群众递来竹竿和绳子，{人}把绳子系在落水者腰间，和大家一起合力把人拉上了岸。"},
		result:  []string{"落水者被救上岸后经现场急救恢复了呼吸，被送往医院治疗，已无生命危险。", "被救者呛了几口水，经医院检查身体无大碍。", "在众人的帮助下，落水者全部获救。"},
	},
	{
		kind: "rescue", setting: "village",
		victims: []string{"一位七旬老人", "祖孙二人", "一名瘫痪在床的老人", "三名被困的村民", "一对母女"},
		summary: []string{"冲入起火民房救出被困的{受害短}", "从火场中背出{受害短}", "扑救民房火灾，救出{受害短}"},
		trigger: []string{"{地点}一户村民家中因电线老化突然起火，{受害}被困屋内。", "{地点}一处民房冒出滚滚浓烟，屋里传出呼救声，{受害}被困在二楼。", "{地点}一户人家的厨房液化气罐起火，火势迅速蔓延，{受害}被困其中。"},
		act:     []string{"{人}用水浇湿外衣蒙住口鼻，冲进浓烟弥漫的屋内。", "{他}摸索着找到被困者，用湿被子裹住对方，一步一步背了出来。", "发现屋内还有人，{人}不顾劝阻第二次冲进火场。", "{他}踹开反锁的房门，把被困者从窗口递给外面的村民。", "随后{他}又和赶来的村民一起用水桶、灭火器扑救，控制住了火势。"},
		result:  []string{"被困者全部获救，除受到惊吓外没有受伤。", "消防救援人员赶到后很快将大火扑灭，被救者被送往医院检查。", "被救者受了轻度烧伤，经治疗已经康复出院。"},
	},
	{
		kind: "rescue", setting: "road",
		victims: []string{"被困的司机", "一家三口", "一名受伤的骑车人", "两名乘客"},
		summary: []string{"从侧翻起火的车辆中救出{受害短}", "车祸现场砸窗救出{受害短}", "冒险救出事故车辆中的{受害短}"},
		trigger: []string{"{地点}，一辆轿车与货车相撞后侧翻，车头开始冒烟起火，{受害}被卡在车内无法脱身。", "{地点}发生一起交通事故，一辆小客车撞上路边护栏后起火，{受害}被困车中。", "{地点}，一辆面包车失控冲进路边沟渠，车身倾覆，{受害}被困。"},
		act:     []string{"驾车路过的{人}立即停车，拿起车载灭火器冲了过去。", "{他}用安全锤砸开车窗，和另一名路人一起把被困者从车窗拖出。", "车门变形打不开，{人}用撬棍一点点撬开车门，把被困者抱了出来。", "{他}一边喊人帮忙，一边拨打122和120报警求救。"},
		result:  []string{"刚把被困者拖到安全地带，车辆就燃起了大火。", "被救者被送往医院救治，经治疗已无大碍。", "救护车赶到后，伤者被及时送医，转危为安。"},
	},
	{
		kind: "rescue", setting: "village",
		victims: []string{"一名掉进窨井的孩子", "一名在鱼塘清淤时中毒昏迷的工人", "两名下井作业的工人"},
		summary: []string{"下井救出中毒昏迷的{受害短}", "徒手救起{受害短}"},
		trigger: []string{"{地点}，{受害}突然失去了意识，旁人呼喊却无人应答。", "{地点}，有人发现{受害}被困在井下，情况十分危险。"},
		act:     []string{"{人}用湿毛巾捂住口鼻，顺着绳子下到井底。", "{他}把绳子绑在被困者身上，示意井上的人往上拉。", "井下空气浑浊，{人}憋着气把被困者一点点托了上去。"},
		result:  []string{"被困者被拉出后，经现场急救恢复了意识，被送往医院治疗。", "医生说，再晚几分钟后果不堪设想。"},
	},
	{
		kind: "stop_crime", setting: "road",
		victims: []string{"一位妇女", "一名老人", "一名外卖骑手", "一名女学生"},
		summary: []string{"追赶抢劫嫌疑人，协助民警将其抓获", "徒手制止抢夺，追回{受害短}的财物", "与持刀抢劫的嫌疑人搏斗，将其制服"},
		trigger: []string{"{地点}，一名男子抢走{受害}的挎包后骑上摩托车准备逃离。", "{地点}，一名男子持刀威胁{受害}交出财物，路人纷纷避让。", "{地点}传来“抓小偷”的呼喊声，一名男子抢走{受害}的手机向巷子里逃去。"},
		act:     []string{"正在附近的{人}立即追了上去，在一个路口将嫌疑人拦下。", "{他}一把拉住嫌疑人的衣服，两人扭打在一起，{他}始终没有松手。", "嫌疑人掏出刀挥舞，{人}抄起路边的拖把与其周旋，为群众撤离争取时间。", "{人}一边拨打110报警，一边紧紧跟在嫌疑人身后，不断向民警报告其位置。"},
		result:  []string{"几分钟后民警赶到，将嫌疑人当场抓获，被抢财物全部追回。", "在群众的帮助下，嫌疑人被制服并移交公安机关。", "嫌疑人后被依法刑事拘留，经审讯还交代了多起同类案件。"},
	},
	{
		kind: "stop_crime", setting: "site",
		victims: []string{"摊主", "店主", "几名顾客", "一名年轻女子"},
		summary: []string{"制止持刀伤人，保护{受害短}安全", "夜间巡查时抓获盗窃嫌疑人", "阻拦盗窃电动车的嫌疑人并协助抓获"},
		trigger: []string{"{地点}，一名男子因琐事与人发生争执，突然掏出刀具向{受害}砍去。", "{地点}，有人发现一名男子正在撬盗停放的电动车。", "{地点}，一伙人正在切割电力电缆，准备盗走变卖。"},
		act:     []string{"{人}冲上前抓住男子持刀的手腕，将其按倒在地。", "{他}一边悄悄拨打110报警，一边上前大声喝问，挡住了对方的去路。", "对方推搡{人}想要逃离，{他}拽住其衣服不放，并呼喊周围的人帮忙。", "面对围攻，{人}毫不退缩，死死抱住其中一人直到增援赶到。"},
		result:  []string{"民警赶到后将嫌疑人带走，受伤群众被及时送医。", "经审讯，嫌疑人交代了此前多次作案的犯罪事实。", "在{人}的协助下，警方破获系列盗窃案件多起。"},
	},
	{
		kind: "disaster_relief", setting: "village", missing: true,
		victims: []string{"被洪水围困的老人", "十余名村民", "养殖场工人", "一户五口之家"},
		summary: []string{"台风暴雨中转移被困的{受害短}", "冒雨抢险，转移{受害短}", "洪水中驾船营救{受害短}"},
		trigger: []string{"台风带来的强降雨使{地点}一带积水迅速上涨，{受害}被困在低洼处。", "{地点}附近河堤出现管涌，洪水漫进村庄，{受害}来不及撤离。", "连日暴雨后，{地点}的一段圩堤出现险情，{受害}被困在家中。"},
		act:     []string{"{人}驾着自家的小渔船，一趟趟往返于积水中，把被困群众转移到高处。", "{他}扛着沙袋跳进齐腰深的水里，和村干部一起封堵决口。", "水流越来越急，{人}用绳子把自己和被困者系在一起，蹚水把人背了出来。", "{他}连续奋战了十几个小时，顾不上吃饭，也顾不上家中被淹的庄稼。"},
		result:  []string{"在{他}和大家的努力下，被困群众全部安全转移。", "险情得到控制，没有发生人员伤亡。"},
	},
	{
		kind: "disaster_relief", setting: "site",
		victims: []string{"厂房里的工人", "仓库里的值班人员", "周边居民"},
		summary: []string{"厂房起火时组织疏散并救出{受害短}", "化工泄漏时关闭阀门，保护{受害短}"},
		trigger: []string{"{地点}一处厂房突然起火，浓烟很快充满车间，{受害}被困。", "{地点}一家企业的储罐发生泄漏，刺鼻的气味迅速扩散，{受害}处境危险。"},
		act:     []string{"{人}一边组织大家从安全通道撤离，一边返回车间寻找被困人员。", "{他}戴上防毒面具冲进泄漏区，冒险关闭了阀门。", "{人}挨个敲开附近住户的门，帮助老人和孩子撤离。"},
		result:  []string{"消防救援人员赶到时，人员已全部撤出，没有造成伤亡。", "险情及时得到控制，避免了更大的损失。"},
	},
	{
		kind: "other", setting: "road",
		victims: []string{"正在过马路的小学生", "路边的行人", "一名老人"},
		summary: []string{"拦停溜车的货车，保护{受害短}安全", "徒手接住从高处坠落的孩子"},
		trigger: []string{"{地点}，一辆停在坡道上的货车突然溜车，径直冲向{受害}。", "{地点}一栋居民楼上，一名孩子爬出窗外，悬在半空中。"},
		act:     []string{"{人}冲上前拉开车门，跳进驾驶室拉起手刹，将车辆停住。", "{他}张开双臂站在楼下，在孩子坠落的一瞬间将其接住。", "{人}来不及多想，一把将{受害}推到路边。"},
		result:  []string{"被救者毫发无伤，周围群众无不称赞。", "孩子被送往医院检查，除受到惊吓外没有受伤。"},
	},
	{
		kind: "other", setting: "water",
		victims: []string{"一名欲轻生的女子", "一名情绪激动的青年"},
		summary: []string{"劝阻并救下欲轻生的{受害短}", "跳入{河}救下轻生的{受害短}"},
		trigger: []string{"{地点}，{受害}翻过桥上的护栏，情绪激动，随时可能跳下。", "{地点}，有人看见{受害}一步步走进河里。"},
		act:     []string{"{人}一边与对方耐心交谈稳住其情绪，一边慢慢靠近。", "{他}趁对方不备一把将其抱住，拉回安全地带。", "{人}跳进水中，把对方拖回岸边，又陪着等到家人赶来。"},
		result:  []string{"被救者得到妥善安置，家属事后专程登门致谢。", "民警和社区工作人员随后赶到，对被救者进行心理疏导。"},
	},
}

// details are sentences that fit any deed, added until a narrative is as
// long as it is meant to be.
var details = []string{
	"当时周围已经聚集了不少群众，但一时没有人敢上前。",
	"附近的群众闻讯赶来帮忙，有人拨打了报警电话。",
	"整个过程不过几分钟，却让在场的人捏了一把汗。",
	"民警到达现场后，详细询问了事情经过，并调取了周边的监控录像。",
	"被救者家属事后多方打听，才找到了这位素不相识的恩人。",
	"{人}平时为人热心，邻里谁家有事总是第一个到场。",
	"多名目击群众主动向民警讲述了事情经过，并出具了证言。",
	"当地镇政府、村委会随后上门看望，送去了慰问金。",
	"目击者回忆说，当时情况十分危急，稍有犹豫就可能酿成悲剧。",
	"有路过的群众用手机拍下了当时的视频，后来在网上被广泛转发。",
	"被救者的家人说，如果不是{他}，后果不堪设想。",
	"村里的老人说，{他}从小就是个胆子大、心肠好的孩子。",
	"事发后，当地派出所民警第一时间赶到现场，对周边群众进行了走访。",
	"{他}的同事说，{他}平时就爱帮助别人，谁有困难都愿意搭把手。",
	"这件事很快在当地传开，大家都为{他}的勇敢竖起了大拇指。",
}

// aliveDetails fit only a hero who lived.
var aliveDetails = []string{
	"事后有人问{他}当时怕不怕，{他}说：“根本来不及想。”",
	"回到家后，{他}只对家人说衣服弄湿了，直到记者找上门来，家人才知道这件事。",
	"被救者康复后，专程带着家人登门道谢，{他}却一再推辞，说这是应该做的。",
	"{人}说，当时脑子里只有一个念头：一定要把人救出来。",
	"此后，{他}还参加了当地的志愿服务队，经常参与应急救援培训。",
}

// echoes tell how the deed was honoured; only for confirmed heroes.
var echoes = []string{
	"事迹经《盐阜大众报》、盐城电视台报道后，在当地引起热烈反响。",
	"被救者家属送来一面写着“见义勇为，品德高尚”的锦旗。",
	"{县}文明办将{他}的事迹编入道德讲堂宣讲材料，在全县（市、区）巡回宣讲。",
	"所在单位专门召开会议，号召全体职工向{他}学习。",
	"当地见义勇为基金会为{他}申报了表彰，并将其家庭纳入走访慰问对象。",
	"团委、妇联等部门也先后上门看望，送去慰问品。",
}

// aftermath is what happened to the hero, by outcome.
var aftermath = map[string][]string{
	"unharmed": {"{人}自己没有受伤，简单换了身衣服就回去上班了。", "{他}没有留下姓名就悄悄离开了，后经多方寻找才被找到。"},
	"injured":  {"{人}在救人过程中手臂和腿部多处受伤，被送往医院缝合治疗。", "{他}的双手被划伤，膝盖大面积擦伤，在镇卫生院治疗了半个多月。", "{人}因体力透支和受伤住院治疗，经医生全力救治已经康复。"},
	"disabled": {"{人}在这次事件中身受重伤，经过多次手术保住了性命，经鉴定为伤残，此后无法再从事原来的工作。", "{他}因伤致残，生活一度难以自理，家庭收入也因此大幅减少。"},
	"deceased": {"{人}因伤势过重，经医院全力抢救无效，不幸牺牲。", "{他}把生的希望留给了别人，自己却献出了宝贵的生命。"},
	"missing":  {"{人}却被水流卷走，经过多方连续多日搜寻，至今下落不明。", "{他}在转移最后一批群众时被洪水冲走，此后再也没有消息。"},
}

// drowned is the aftermath of a hero who died in the water.
var drowned = []string{
	"{人}却因体力耗尽，再也没能游回岸边。经过救援人员数小时搜寻，{他}的遗体被找到。",
	"最后一把力气用尽，{人}被河水吞没，被打捞上岸时已没有了生命体征。",
}

// background tells of the hero's life; {职业} is their occupation.
var background = []string{
	"{人}是一名{职业}，家中有年迈的父母和正在上学的孩子。",
	"{人}是当地的一名{职业}，平时话不多，干活踏实。",
	"事发时{人}{年龄}岁，是一名{职业}，在当地生活了多年。",
	"作为一名{职业}，{人}每天早出晚归，邻居们都说{他}是个热心肠。",
}

// hardshipNotes follow the background when the family is in hardship.
var hardshipNotes = []string{
	"{他}家中经济条件困难，妻子常年患病，全家靠{他}一人的收入维持。",
	"{他}的家庭是当地的困难家庭，基金会已将其列为重点帮扶对象。",
}

// closings end the narrative, by status.
var closings = map[string][]string{
	"confirmed": {
		"经{警方}调查核实，确认{人}的行为属于见义勇为。",
		"{警方}对其见义勇为行为予以确认，当地见义勇为基金会及时给予了慰问和奖励。",
	},
	"pending": {
		"{县}见义勇为基金会已受理申报，公安机关正在调查核实，确认前本事迹暂不公开。",
		"相关材料已报送公安机关审核，确认前本事迹暂不公开。",
	},
	"withdrawn": {
		"经公安机关调查核实，该事迹不符合见义勇为的认定条件，申报已撤回，记录依规保留。",
		"因申报材料与调查结果不符，申报人已撤回申请，记录依规保留、不予公开。",
	},
}

// quotes close a confirmed hero's story.
var quotes = []string{
	"谈起那天的事，{他}说：“换作谁都会这么做的。”",
	"{人}说：“那时候只想着救人，没想别的。”",
	"如今{他}依然做着原来的工作，偶尔被人认出来，总是摆摆手说“没什么”。",
	"{他}常对孩子说：“遇到别人有难，能帮一把就帮一把。”",
}

// memorials close the story of a hero who died or is missing.
var memorials = []string{
	"{他}的事迹在当地广为传颂，群众自发前来悼念。",
	"家人说，{他}一辈子就是这样，看见别人有难，从来不会袖手旁观。",
	"当地群众说，{他}用生命诠释了见义勇为的精神。",
}

// story is what a narrative is composed from.
type story struct {
	sc        *scenario
	date      time.Time
	place     string
	river     string
	victim    string
	ref       string // how the narrative names the hero
	pronoun   string
	job       string
	age       int
	outcome   string
	status    string
	hardship  bool
	police    string
	county    string
	companion string // another hero of the same case, named or not
}

// compose writes the narrative: four paragraphs of 300 to 900 characters in
// all, each with its placeholders filled.
func compose(r *rng, s story) []string {
	fill := s.replacer()
	p1 := fmt.Sprintf("%s%s，%s", dateText(s.date), pick(r, dayTimes), pick(r, weather[int(s.date.Month())%12/3]))
	p1 += pick(r, s.sc.trigger)
	acts := r.sample(s.sc.act, 2+r.IntN(2))
	acts[0] = strings.Replace(acts[0], "{他}", "{人}", 1) // the first mention names the hero
	if s.companion != "" {
		acts = append(acts[:1], append([]string{"同在现场的" + s.companion + "也冲了上来，两人一前一后，配合默契。"}, acts[1:]...)...)
	}
	p1 += strings.Join(acts, "")
	p2 := pick(r, s.sc.result)
	switch {
	case s.outcome == "deceased" && s.sc.setting == "water":
		p2 += pick(r, drowned)
	default:
		p2 += pick(r, aftermath[s.outcome])
	}
	p3 := pick(r, background)
	if s.hardship {
		p3 += pick(r, hardshipNotes)
	}
	paras := []string{fill.Replace(p1), fill.Replace(p2), fill.Replace(p3), fillClosing(r, s)}
	length := 0
	for _, p := range paras {
		length += utf8.RuneCountInString(p)
	}
	// Details, then echoes, until the story is as long as it is meant to be.
	pool := details
	if s.outcome != "deceased" && s.outcome != "missing" {
		pool = append(pool[:len(pool):len(pool)], aliveDetails...)
	}
	target := r.between(330, 860)
	for i, k := range r.perm(len(pool)) {
		d := fill.Replace(pool[k])
		if length >= target || length+utf8.RuneCountInString(d) > 880 {
			break
		}
		paras[1+i%2] += d
		length += utf8.RuneCountInString(d)
	}
	if s.status == "confirmed" {
		for _, k := range r.perm(len(echoes)) {
			d := fill.Replace(echoes[k])
			if length >= target || length+utf8.RuneCountInString(d) > 880 {
				break
			}
			paras[3] = d + paras[3]
			length += utf8.RuneCountInString(d)
		}
	}
	return paras
}

// fillClosing writes the last paragraph, which depends on the status.
func fillClosing(r *rng, s story) string {
	p := pick(r, closings[s.status])
	switch {
	case s.status != "confirmed":
	case s.outcome == "deceased" || s.outcome == "missing":
		p += pick(r, memorials)
	default:
		p += pick(r, quotes)
	}
	return s.replacer().Replace(p)
}

func (s story) replacer() *strings.Replacer {
	return strings.NewReplacer(
		"{人}", s.ref, "{他}", s.pronoun, "{地点}", s.place, "{受害}", s.victim, "{河}", s.river,
		"{职业}", s.job, "{年龄}", fmt.Sprint(s.age), "{警方}", s.police, "{县}", s.county,
	)
}

var (
	dayTimes = []string{"清晨", "上午", "中午", "下午", "傍晚", "晚上", "深夜", "凌晨"}
	weather  = [4][]string{
		{"寒风刺骨。", "天空飘着小雪。", "气温接近零度。", "天色阴沉，北风呼啸。"},
		{"春雨绵绵。", "天气晴好。", "外面刮着大风。", "天刚下过雨，路面湿滑。"},
		{"烈日炎炎。", "一场雷雨刚过。", "天气闷热难耐。", "暴雨如注。"},
		{"秋风阵阵。", "天色阴沉。", "细雨蒙蒙。", "天气转凉。"},
	}
)

// dateText writes 2020年3月14日.
func dateText(t time.Time) string {
	return fmt.Sprintf("%d年%d月%d日", t.Year(), int(t.Month()), t.Day())
}
