/**
 * Name words shared by very many people (MATCHING.md step 6, a name-frequency prior). A match made only of such
 * words says little about identity: thousands of people are called John Smith, Wang Wei or Kim Young-soo. The
 * index's own document frequency cannot tell this (Smith is rare in the sanctions lists, common in the world),
 * so this is a population table, compiled by hand from the top of published national frequency rankings
 * (surnames and given names in the USA, UK, Spain and Latin America, Brazil, Germany, France, Italy, Russia,
 * mainland China, Hong Kong and Taiwan, Korea, Vietnam, Japan, South Asia and the Arab world), in the
 * normalised spellings the matcher works with (lower-case ASCII, no diacritics).
 *
 * It is used in one place only: an entry that lists no date of birth and no nationality cannot confirm or refute
 * a party whose date of birth and nationality are known, and for such an entry a match on common words alone
 * needs the full name (see uncorroboratedCommonName in qualifiers.ts). It never changes a name score.
 */

const SURNAMES = `
smith johnson williams brown jones miller davis wilson anderson taylor thomas moore jackson white harris
martin thompson clark lewis robinson walker young allen king wright scott hill green adams nelson baker hall
campbell mitchell carter roberts phillips evans turner parker edwards collins stewart morris murphy cook rogers
morgan cooper peterson bailey reed kelly howard cox ward richardson watson brooks wood james bennett gray
hughes price sanders myers long ross foster powell jenkins perry russell sullivan bell coleman butler henderson
barnes fisher simmons patterson jordan reynolds hamilton graham wallace west cole hayes gibson ellis stevens
murray ford marshall owens mcdonald harrison kennedy wells grant hunter black stone miles davies clarke
johnston
garcia rodriguez martinez hernandez lopez gonzalez perez sanchez ramirez torres flores rivera gomez diaz cruz
reyes morales ortiz gutierrez chavez ramos ruiz alvarez mendoza castillo jimenez moreno romero herrera medina
aguilar vargas castro guzman fernandez munoz rojas silva santos ferreira pereira oliveira costa rodrigues souza
lima carvalho gomes ribeiro almeida alves dominguez vazquez vasquez gil serrano blanco suarez molina delgado
ortega rubio marin navarro iglesias nunez garrido mendez estrada salazar soto contreras luna figueroa
muller mueller schmidt schneider fischer weber meyer wagner becker schulz hoffmann koch richter klein wolf
bernard dubois durand leroy moreau simon laurent lefebvre michel rossi russo ferrari esposito bianchi romano
colombo ricci ivanov smirnov kuznetsov popov vasiliev petrov sokolov mikhailov novikov fedorov morozov volkov
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang
han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai jia ding wei xue ye yan lu
wong chan cheung lee lau ng chow leung cheng lam ho tsang tse yip chu fung kwok lo law tam yeung chang
kim yi ri park pak choi choe jung jeong chong kang cho jo yoon yun jang lim im oh o seo shin sin kwon hwang
ahn an yoo hong jeon jun ko go moon mun
nguyen tran le pham hoang huynh phan vu vo dang bui do ngo duong ly
sato suzuki takahashi tanaka watanabe ito yamamoto nakamura kobayashi kato
khan ali ahmed ahmad hussain hussein hassan mohammed muhammad singh kumar sharma patel shah
`;

const GIVEN_NAMES = `
james john robert michael william david richard joseph thomas charles christopher daniel matthew anthony mark
donald steven stephen paul andrew joshua kenneth kevin brian george timothy ronald edward jason jeffrey ryan
jacob gary nicholas eric jonathan larry justin scott brandon benjamin samuel gregory frank alexander raymond
patrick jack dennis jerry tyler aaron adam henry nathan douglas peter kyle walter ethan jeremy harold keith
christian roger noah gerald carl terry sean arthur lawrence jesse bryan joe jordan billy bruce albert willie
alan wayne roy ralph randy eugene vincent russell louis bobby philip johnny jim tom mike bill steve dave chris
mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa betty margaret sandra ashley
kimberly emily donna michelle dorothy carol amanda melissa deborah stephanie rebecca sharon laura cynthia
kathleen amy shirley angela helen anna brenda pamela nicole emma samantha katherine christine debra rachel
catherine carolyn janet ruth maria heather diane virginia julie joyce victoria olivia kelly christina lauren
joan evelyn judith megan cheryl andrea hannah martha jacqueline frances gloria ann teresa kathryn sara janice
jean alice julia judy grace denise amber marilyn beverly danielle theresa sophia marie diana natalie rose
jose juan luis carlos jorge pedro miguel manuel francisco antonio jesus javier alejandro fernando ricardo
roberto rafael eduardo mario sergio alberto raul hector oscar ramon enrique victor andres pablo diego
ana carmen rosa lucia elena isabel sofia martina paula marta
hans peter klaus wolfgang jean pierre michel alain philippe giuseppe giovanni marco luca francesco
sergei sergey vladimir dmitry dmitri andrei andrey alexei alexey ivan nikolai mikhail olga tatiana natalia
irina svetlana
muhammad mohammed mohamed mohammad ahmed ahmad ali hassan hussein husain omar umar abdullah abdallah ibrahim
youssef yusuf mustafa mahmoud khalid fatima aisha
`;

/** Syllables that make up most Chinese and Korean given names (Wei, Xiuying, Young-soo, Jong Su). */
const GIVEN_SYLLABLES = `
wei li jun ying hua min jing yan hong ping fang lei jie tao ming chao yong xia na bin hui qiang gang juan xiu
yun lan mei hao yu xin jian feng lin qing dan ling yang bo long hai tian zhi wen xiao chun guo yi rong zhen
young jong su yong song sung chul hyun ho jin seong jeong hun soo min
`;

function wordSet(text: string): ReadonlySet<string> {
  return new Set(text.split(/\s+/).filter((w) => w.length > 0));
}

export const COMMON_SURNAMES = wordSet(SURNAMES);
export const COMMON_GIVEN_NAMES = wordSet(GIVEN_NAMES);
const COMMON_SYLLABLES = wordSet(GIVEN_SYLLABLES);

/**
 * A normalised name word among the most frequent surnames or given names, or a given name of one or two common
 * syllables written as one word (Xiuying, Yongsu).
 */
export function isCommonNameWord(word: string): boolean {
  if (COMMON_SURNAMES.has(word) || COMMON_GIVEN_NAMES.has(word) || COMMON_SYLLABLES.has(word)) return true;
  for (let cut = 1; cut < word.length; cut++) {
    if (COMMON_SYLLABLES.has(word.slice(0, cut)) && COMMON_SYLLABLES.has(word.slice(cut))) return true;
  }
  return false;
}
