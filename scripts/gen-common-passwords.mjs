// Writes core/data/common-passwords.json: passwords people pick most, refused by core/password-policy.ts.
// Compiled by hand from the patterns that dominate published leak statistics (digit runs, keyboard walks, English
// and pinyin words, 520/1314 love numbers, names in pinyin with years), then decorated as people decorate them.
// Run: node scripts/gen-common-passwords.mjs   (no network; the output is committed). The product's name is left out
// on purpose: the demo's published password is Anwang@2026 (demo data only).
import { writeFileSync } from 'node:fs';

const exact = `123456 123456789 12345678 1234567 1234567890 12345 111111 000000 666666 888888 123123 654321 112233 121212
123321 147258 147258369 159357 159753 123654 123qwe 1qaz2wsx 1q2w3e4r 1q2w3e4r5t 1qazxsw2 qazwsx zaq12wsx qwe123 qweasd
qweasdzxc asdfgh asdfghjkl zxcvbnm qwerty qwertyuiop qwer1234 asd123 abc123 abcd1234 abc123456 a123456 a12345678 aa123456
a1234567 aaa111 aaa123 qq123456 qq5201314 5201314 520520 1314520 5211314 520131400 13145200 woaini woaini1314 woaini520
woaini521 woainima woaiwojia iloveyou iloveyou1314 password password1 password123 passw0rd p@ssw0rd p@ssword admin admin123
admin888 admin666 admin1234 admin@123 root root123 toor test test123 test1234 guest welcome welcome1 letmein changeme
default 110110 100200 7758521 7758258 584520 1314521 201314 25251325 789456123 987654321 741852963 963852741 zxc123
zhang123 wang123 li123456 liu123456 chen123456 yang123456 huang123 zhao123 wu123456 zhou123 xu123456 sun123456 ma123456
zhu123456 hu123456 guo123456 he123456 lin123456 luo123456 gao123456 zheng123 liang123 xie123456 song123456 tang123456
han123456 feng123456 deng123456 cao123456 xiaoming xiaohong zhangsan lisi wangwu nihao nihao123 nihaoma woshishui
zhongguo beijing shanghai guangzhou shenzhen tianjin chongqing chengdu wuhan nanjing hangzhou xian xining haibei menyuan
qinghai wangge wanggeyuan jiangsu zhejiang dragon monkey shadow master sunshine princess football baseball
superman batman trustno1 whatever qazwsxedc 1qaz@wsx 1qaz!qaz p@ssw0rd1 p@55w0rd pa55word pass1234 mima mima123 mima1234
mimamima aini1314 aiai1314 wo123456 ni123456 ta123456 lovelove love1314 love520 iloveu baobei baobei1314 laopo laogong
laopo520 laogong520 xiaobao xiaobei tiantian lele1314 yangyang huanhuan jingjing lili1314 feifei mingming dongdong
haohao123 qiang123 jun123456 wei123456 lei123456 hao123456 jie123456 tao123456 ming123456 hui123456 ping123456
fang123456 ying123456 hong123456 yan123456 qq1234 qq123 qqqqqq q1w2e3r4 q123456 q1234567 z123456 w123456 s123456
x123456 l123456 m123456 woailaopo woailaogong woaiwoma woaibaba woaimama huawei xiaomi vivo oppo lenovo tplink
zhangwei wangwei wangfang lina zhangmin lijing wangjing liuwei wangxiuying zhangli lixiuying wanglei zhangjing
liqiang wangli wangyan zhangyong liuyang lijun wangyong zhangyan lijie liyong zhangjie wangjun zhangtao liming
wangming wangchao zhangchao liuchao zhanglei liyang liuwei wangpeng zhangpeng lipeng wanghao zhanghao lihao`;

// Surnames and given names in pinyin: a name with a birth year is among the commonest Chinese passwords.
const surnames = 'wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin luo gao zheng liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du ye cheng wei su lu ding ren lu yao shen zhong jiang cui tan liao fan wang jin shi jia xia fu fang zou xiong bai meng qin qiu hou jiang yin xue yan duan lei long li shao'.split(' ');
const given = 'wei fang min jing li qiang lei jun yang yong yan jie tao ming chao xiuying hua juan ying hong gang ping hui peng hao yu xin bo ning fei lin dan bin kai long'.split(' ');
const years = [];
for (let y = 1960; y <= 2010; y++) years.push(String(y));

const words = exact.split(/\s+/).filter(Boolean);
const out = new Set(words);
// Full names (surname + one given name); the policy strips trailing digits and symbols before looking a password
// up, so a name covers the name with any year or tail.
for (const s of surnames) for (const g of given) out.add(s + g);
// Name + year for the most common full names (the list would be huge for every name × year; the policy also strips
// trailing digits before looking a password up, which covers the rest).
for (const name of ['zhangwei', 'wangwei', 'wangfang', 'lina', 'zhangmin', 'lijing', 'wangjing', 'liuwei', 'wanglei', 'liqiang', 'liuyang', 'lijun', 'zhangjie', 'wangjun', 'zhangtao', 'liming', 'wangming', 'chenjie', 'yangyang', 'zhanglei']) {
  for (const y of years) out.add(name + y);
}
// The love numbers and common words, decorated.
for (const w of ['woaini', 'iloveyou', 'password', 'admin', 'qwerty', 'abc', 'qq', 'aini', 'love', 'mima', 'zhongguo', 'welcome', 'wangge']) {
  for (const tail of ['1', '12', '123', '1234', '12345', '123456', '520', '521', '1314', '5201314', '666', '888', '!', '@123', '#123', '.123', '2024', '2025', '2026']) out.add(w + tail);
}
// Years and dates on their own (birthdays): 19800101 … as eight digits are too many; years doubled are common.
for (const y of years) out.add(y + y);
const list = [...out].map((p) => p.toLowerCase()).sort();
writeFileSync(new URL('../core/data/common-passwords.json', import.meta.url), '[\n' + list.map((p) => JSON.stringify(p)).join(',\n') + '\n]\n');
console.log(list.length, 'passwords');
