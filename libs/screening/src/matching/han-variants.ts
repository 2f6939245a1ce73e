/**
 * Traditional → simplified forms of characters common in Chinese personal and company names, so that two
 * Han-script names can be compared character by character (習近平 = 习近平, but 高石早苗 ≠ 高市早苗 although both
 * read gao shi zao miao). Not exhaustive: unknown characters compare as themselves.
 */
const PAIRS =
  '陳陈張张黃黄劉刘楊杨趙赵吳吴孫孙馬马羅罗鄭郑謝谢許许韓韩馮冯鄧邓蕭萧葉叶蔣蒋蘇苏呂吕盧卢鍾钟譚谭陸陆賈贾韋韦鄒邹閆闫龍龙賀贺顧顾龔龚萬万錢钱嚴严湯汤' +
  '偉伟華华國国強强軍军傑杰輝辉麗丽紅红銘铭東东義义鳳凤寶宝貴贵榮荣興兴發发開开儀仪蘭兰嬌娇濤涛鵬鹏進进達达賢贤慶庆誠诚順顺廣广歡欢長长勝胜紀纪繼继' +
  '聰聪亞亚愛爱鋒锋剛刚曉晓雲云嶽岳倫伦書书潔洁靜静瑩莹麥麦聖圣龐庞衛卫賴赖鄺邝區区溫温顏颜關关習习鳴鸣員员團团體体學学門门問问間间飛飞馬马' +
  '業业產产實实們们個个會会後后時时現现過过還还來来對对說说經经頭头樂乐萬万運运與与億亿鐵铁銀银門门財财貿贸電电車车機机場场廠厂們们鋼钢礦矿' +
  '島岛灣湾臺台縣县區区鎮镇莊庄閣阁樓楼漢汉藝艺協协會会際际聯联盟盟軟软網网絡络訊讯證证券券險险銷销購购貨货運运輸输療疗藥药醫医';

const TO_SIMPLIFIED = new Map<string, string>();
for (let i = 0; i + 1 < PAIRS.length; i += 2) {
  const traditional = PAIRS[i] ?? '';
  const simplified = PAIRS[i + 1] ?? '';
  if (traditional !== simplified) TO_SIMPLIFIED.set(traditional, simplified);
}

/** The Han characters of a name, traditional forms mapped to simplified, separators removed. */
export function hanSignature(text: string): string {
  let out = '';
  for (const ch of text) {
    if (/[\p{Script=Han}\p{Script=Hangul}]/u.test(ch)) out += TO_SIMPLIFIED.get(ch) ?? ch;
  }
  return out;
}
