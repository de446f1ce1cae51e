import type { Accused, CaseInput, Category, Channel, Kind, Source } from '../../../shared/domain/case.js';
import { daysBetween } from '../../../shared/domain/calendar.js';
import { idNumberCheckChar } from '../../../shared/domain/id-number.js';
import { demoAftercare, type DemoAftercare } from './aftercare.js';
import { demoProgress, type DemoProgress } from './progress.js';

/**
 * Realistic demo cases for a county office, deterministic for a given seed: Chinese names, townships, village and
 * county units, summaries in the style of real reports, a mix of sources and channels like the source reports
 * (over half forwarded from above), some repeats of earlier cases and some scanned attachments.
 */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华文志红云海波春梅玉兰德明永红晓东新民小红光辉国庆家富长青发财金凤';
export const DEMO_TOWNS = ['容美镇', '走马镇', '太平镇', '燕子镇', '中营镇', '下坪乡', '邬阳乡', '五里乡', '铁炉白族乡'];
const VILLAGES = ['屏山村', '大岩村', '升子村', '白果村', '金鸡口村', '三家台村', '红土村', '茶园村', '官仓村', '铁炉坪村', '唐家村', '杨柳村'];
const COUNTY_UNITS = ['县教育局', '县卫生健康局', '县自然资源和规划局', '县住房和城乡建设局', '县交通运输局', '县农业农村局', '县民政局', '县人力资源和社会保障局', '县市场监督管理局', '县水利和湖泊局', '县城市管理执法局'];
const UPPER_OFFICES = ['恩施州纪委监委', '湖北省纪委监委', '中央纪委国家监委', '恩施州委巡察办'];
const PROJECTS = ['村级道路硬化', '饮水安全巩固提升', '危房改造', '产业扶贫茶园', '高标准农田建设', '易地扶贫搬迁', '农村公路养护', '村委会办公楼改建', '河道治理', '学校食堂改造'];
const FUNDS = ['低保', '危房改造补助', '退耕还林补助', '耕地地力保护补贴', '临时救助', '产业奖补', '养老保险', '生态护林员补助'];

interface Template {
  categories: Category[];
  domains: string[];
  text(p: { who: string; project: string; fund: string; amount: number; n: number; relative: string }): string;
}
const TEMPLATES: Template[] = [
  { categories: ['违反群众纪律', '贪污贿赂'], domains: ['惠民惠农资金'], text: (p) => `反映${p.who}在发放${p.fund}过程中优亲厚友，将其${p.relative}等${p.n}户不符合条件的人员纳入，群众意见较大。` },
  { categories: ['贪污贿赂'], domains: ['扶贫领域'], text: (p) => `反映${p.who}虚报冒领${p.fund}资金约${p.amount}万元，部分资金去向不明，请求查处。` },
  { categories: ['违反廉洁纪律', '利益输送'], domains: ['工程建设'], text: (p) => `反映${p.who}利用职务便利插手${p.project}项目发包，将工程交由其${p.relative}承接，工程质量差，存在偷工减料问题。` },
  { categories: ['违反廉洁纪律'], domains: [], text: (p) => `反映${p.who}违规操办其${p.relative}婚宴，宴请${p.n * 3}余桌，收受管理服务对象礼金。` },
  { categories: ['滥用职权', '违反群众纪律'], domains: ['征地拆迁'], text: (p) => `反映${p.who}在${p.project}征地补偿中弄虚作假，虚增青苗补偿面积，侵占群众补偿款约${p.amount}万元。` },
  { categories: ['违反工作纪律', '玩忽职守'], domains: ['民生保障'], text: (p) => `反映${p.who}长期不在岗，群众办事多次找不到人，对${p.project}项目质量问题不闻不问。` },
  { categories: ['贪污贿赂', '违反廉洁纪律'], domains: [], text: (p) => `反映${p.who}挪用村集体资金${p.amount}万元用于个人经营，村务不公开，账目不清。` },
  { categories: ['违反廉洁纪律'], domains: ['国有资产'], text: (p) => `反映${p.who}公车私用，节假日驾驶公务用车接送家人，并在单位违规报销私人费用。` },
  { categories: ['违反组织纪律'], domains: [], text: (p) => `反映${p.who}在换届选举中拉票贿选，向部分村民许诺给予${p.fund}名额。` },
  { categories: ['滥用职权'], domains: ['涉黑涉恶'], text: (p) => `反映${p.who}充当当地砂石开采团伙“保护伞”，收受好处后对其非法采砂行为不予查处。` },
];
const APPEAL = (p: { who: string }) => `本人对${p.who}作出的处分决定不服，认为事实认定有误，请求复查。`;
const OUT_OF_SCOPE = (p: { project: string }) => `反映${p.project}施工单位拖欠农民工工资至今未付，请求帮助协调解决。`;
const SUGGESTION = (p: { project: string }) => `建议加强对${p.project}项目资金使用的监督，定期公开项目进展和资金明细。`;

const RELATIVES = ['妻子', '弟弟', '侄子', '女婿', '表哥', '儿子', '亲属'];

function weighted<T>(r: () => number, options: [T, number][]): T {
  const total = options.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of options) if ((x -= w) < 0) return v;
  return options[options.length - 1]![0];
}

export interface DemoCase {
  input: CaseInput;
  progress: DemoProgress;
  /** Feedback, 回访 and 存档 after the closing (see aftercare.ts). */
  aftercare: DemoAftercare;
  /** Scanned pages to store as attachments of this case (name and bytes). */
  files: { name: string; bytes: Buffer }[];
}

/** A small valid PDF page, unique per case, standing in for a scanned letter. */
export function demoScanPdf(label: string): Buffer {
  const text = `(Scanned letter - demo data - ${label.replace(/[()\\]/g, '')})`;
  const stream = `BT /F1 14 Tf 72 760 Td ${text} Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

export function generateDemoCases(count: number, seed: number, today: Date): DemoCase[] {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const personName = () => pick([...SURNAMES]) + pick([...GIVEN]) + (r() < 0.6 ? pick([...GIVEN]) : '');
  // Within the years whose holiday tables ship (2025 on), so every demo deadline can be computed.
  const todayIso = today.toISOString().slice(0, 10);
  const days = Math.max(30, daysBetween('2025-01-02', todayIso));
  const out: DemoCase[] = [];
  // A stream of its own, so the cases themselves stay what they were for a given seed.
  const ra = rng(seed ^ 0x5bd1e995);

  function accusedPerson(): Accused {
    const town = pick(DEMO_TOWNS);
    return weighted<Accused>(r, [
      [{ type: 'person', name: personName(), unit: `${town}${pick(VILLAGES)}`, post: pick(['党支部书记', '村委会主任', '村会计', '村文书', '村监委会主任']), rank: '农村党员干部', politicalStatus: '中共党员' }, 5],
      [{ type: 'person', name: personName(), unit: `${town}人民政府`, post: pick(['党委委员', '副镇长', '财政所所长', '民政办主任', '站长']), rank: '乡科级', politicalStatus: '中共党员' }, 2],
      [{ type: 'person', name: personName(), unit: pick(COUNTY_UNITS), post: pick(['局长', '副局长', '股长', '科员', '项目办主任']), rank: pick(['县处级', '乡科级', '一般干部']), politicalStatus: '中共党员' }, 2],
      [{ type: 'person', name: personName(), unit: `${town}中心小学`, post: pick(['校长', '总务主任']), rank: '事业单位人员', politicalStatus: pick(['中共党员', '群众']) }, 1],
    ]);
  }

  for (let i = 0; i < count; i++) {
    const received = new Date(today.getTime() - Math.floor(Math.pow(r(), 0.8) * days) * 86_400_000);
    const receivedDate = received.toISOString().slice(0, 10);
    const earlier = out.length > 10 && r() < 0.08 ? out[Math.floor(r() * out.length)] : undefined;
    const source: Source = weighted(r, [['本级受理', 36], ['上级转办', 40], ['上级交办', 15], ['巡视巡察发现', 4], ['职能部门移交', 3], ['其他机关移送', 2]]);
    const channel: Channel = weighted(r, [['来信', 42], ['网络', 30], ['来访', 18], ['来电', 10]]);
    const upper = source === '上级转办' || source === '上级交办';
    const upperOffice = upper ? pick(UPPER_OFFICES) : '';
    const upperRefNo = upper ? `${upperOffice.slice(0, 2)}纪${source === '上级交办' ? '交' : '转'}〔${receivedDate.slice(0, 4)}〕${int(1, 400)}号` : '';
    const realName = r() < 0.58;
    const persons = realName
      ? Array.from({ length: r() < 0.08 ? 2 : 1 }, () => {
          const birth = `${int(1950, 2000)}${String(int(1, 12)).padStart(2, '0')}${String(int(1, 28)).padStart(2, '0')}`;
          const first17 = `422828${birth}${String(int(10, 999)).padStart(3, '0')}`;
          return { name: personName(), idNumber: r() < 0.7 ? first17 + idNumberCheckChar(first17) : '', phone: `1${pick(['3', '5', '7', '8', '9'])}${String(int(0, 999_999_999)).padStart(9, '0')}`, address: `鹤峰县${pick(DEMO_TOWNS)}${pick(VILLAGES)}${int(1, 12)}组` };
        })
      : [];
    let input: CaseInput;
    if (earlier) {
      // A repeat: the same accused and matter, reworded, often arriving again through a different upper office.
      const e = earlier.input;
      input = { ...e, receivedDate: receivedDate < e.receivedDate ? e.receivedDate : receivedDate, channel, source, upperOffice, upperRefNo, summary: `${e.summary.replace(/。$/, '')}，此前已反映，至今未见处理结果，再次反映。`, reporter: e.reporter, attachments: [] };
    } else {
      const kind: Kind = weighted(r, [['检举控告', 75], ['申诉', 8], ['批评建议', 7], ['业务范围外', 7], ['无实质内容', 3]]);
      const accused = kind === '检举控告' || kind === '申诉' ? Array.from({ length: r() < 0.12 ? 2 : 1 }, accusedPerson) : [];
      const who = accused.map((a) => `${a.unit}${a.post}${a.name}`).join('、') || '有关人员';
      const params = { who, project: pick(PROJECTS), fund: pick(FUNDS), amount: int(2, 80), n: int(2, 9), relative: pick(RELATIVES) };
      const template = pick(TEMPLATES);
      const summary =
        kind === '检举控告' ? template.text(params) : kind === '申诉' ? APPEAL(params) : kind === '批评建议' ? SUGGESTION(params) : kind === '业务范围外' ? OUT_OF_SCOPE(params) : '来信内容空泛，未反映具体问题和线索，仅表达对当地干部的不满情绪。';
      const region = accused[0]?.unit.match(/^(.+?[镇乡])/)?.[1] ?? (accused[0] ? '县直部门' : pick(DEMO_TOWNS));
      input = { receivedDate, channel, source, upperOffice, upperRefNo, kind, categories: kind === '检举控告' ? template.categories : [], domains: kind === '检举控告' ? template.domains : [], region, summary, reporter: { realName, persons }, accused, attachments: [] };
    }
    const files = channel === '来信' && r() < 0.25 ? [{ name: `来信扫描件-${i + 1}.pdf`, bytes: demoScanPdf(`${seed}-${i + 1}`) }] : [];
    const progress = demoProgress(input.receivedDate, input.reporter.realName, input.source === '上级交办', todayIso, r, input.region || '容美镇');
    const aftercare = demoAftercare(progress.steps, input.reporter.realName, input.region || '容美镇', todayIso, ra);
    out.push({ input, files, progress, aftercare });
  }
  return out.sort((a, b) => (a.input.receivedDate < b.input.receivedDate ? -1 : a.input.receivedDate > b.input.receivedDate ? 1 : 0));
}
