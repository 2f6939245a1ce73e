/**
 * Country names as they appear in official sanctions lists → ISO 3166-1 alpha-2.
 * Keys are compared after `countryKey` (lower case, diacritics stripped, punctuation collapsed), so
 * "Korea, North", "KOREA NORTH" and "korea (north)" all meet the same key.
 */

/** code, English short name, then variants and demonyms seen in OFAC, UN, EU, UK and CSL files. */
const TABLE: readonly (readonly string[])[] = [
  [
    'AF',
    'Afghanistan',
    'Afghan',
    'Afgan',
    'Islamic Republic of Afghanistan',
    'Islamic Emirate of Afghanistan',
  ],
  ['AX', 'Aland Islands', 'Åland Islands'],
  ['AL', 'Albania', 'Albanian'],
  ['DZ', 'Algeria', 'Algerian'],
  ['AS', 'American Samoa'],
  ['AD', 'Andorra', 'Andorran'],
  ['AO', 'Angola', 'Angolan'],
  ['AI', 'Anguilla'],
  ['AQ', 'Antarctica'],
  ['AG', 'Antigua and Barbuda', 'Antigua'],
  ['AR', 'Argentina', 'Argentine', 'Argentinian'],
  ['AM', 'Armenia', 'Armenian'],
  ['AW', 'Aruba'],
  ['AU', 'Australia', 'Australian'],
  ['AT', 'Austria', 'Austrian'],
  ['AZ', 'Azerbaijan', 'Azerbaijani', 'Azeri'],
  ['BS', 'Bahamas', 'The Bahamas', 'Bahamas, The', 'Bahamian'],
  ['BH', 'Bahrain', 'Bahraini', 'Kingdom of Bahrain'],
  ['BD', 'Bangladesh', 'Bangladeshi'],
  ['BB', 'Barbados', 'Barbadian'],
  ['BY', 'Belarus', 'Belarusian', 'Belarussian', 'Republic of Belarus', 'Byelorussia'],
  ['BE', 'Belgium', 'Belgian'],
  ['BZ', 'Belize', 'Belizean'],
  ['BJ', 'Benin', 'Beninese'],
  ['BM', 'Bermuda'],
  ['BT', 'Bhutan', 'Bhutanese'],
  ['BO', 'Bolivia', 'Bolivian', 'Bolivia (Plurinational State of)', 'Plurinational State of Bolivia'],
  ['BQ', 'Bonaire, Sint Eustatius and Saba', 'Caribbean Netherlands'],
  ['BA', 'Bosnia and Herzegovina', 'Bosnia-Herzegovina', 'Bosnia', 'Bosnian'],
  ['BW', 'Botswana', 'Motswana'],
  ['BV', 'Bouvet Island'],
  ['BR', 'Brazil', 'Brazilian'],
  ['IO', 'British Indian Ocean Territory'],
  ['VG', 'Virgin Islands, British', 'British Virgin Islands', 'Virgin Islands (British)'],
  ['BN', 'Brunei', 'Brunei Darussalam', 'Bruneian'],
  ['BG', 'Bulgaria', 'Bulgarian'],
  ['BF', 'Burkina Faso', 'Burkinabe'],
  ['BI', 'Burundi', 'Burundian'],
  ['CV', 'Cabo Verde', 'Cape Verde', 'Cape Verdean'],
  ['KH', 'Cambodia', 'Cambodian'],
  ['CM', 'Cameroon', 'Cameroonian'],
  ['CA', 'Canada', 'Canadian'],
  ['KY', 'Cayman Islands'],
  ['CF', 'Central African Republic', 'Central African', 'CAR'],
  ['TD', 'Chad', 'Chadian'],
  ['CL', 'Chile', 'Chilean'],
  [
    'CN',
    'China',
    "People's Republic of China",
    "China, People's Republic of",
    'PRC',
    'Chinese',
    'Mainland China',
  ],
  ['CX', 'Christmas Island'],
  ['CC', 'Cocos (Keeling) Islands', 'Cocos Islands'],
  ['CO', 'Colombia', 'Colombian'],
  ['KM', 'Comoros', 'Comoran', 'Comorian', 'Union of the Comoros'],
  [
    'CG',
    'Congo',
    'Republic of the Congo',
    'Congo, Republic of the',
    'Congo-Brazzaville',
    'Congo (Brazzaville)',
    'Republic of Congo',
  ],
  [
    'CD',
    'Democratic Republic of the Congo',
    'Congo, Democratic Republic of the',
    'Congo, Democratic Republic',
    'Democratic Republic of Congo',
    'DRC',
    'DR Congo',
    'Congo-Kinshasa',
    'Congo (Kinshasa)',
    'Congolese',
    'Zaire',
  ],
  ['CK', 'Cook Islands'],
  ['CR', 'Costa Rica', 'Costa Rican'],
  ['CI', "Cote d'Ivoire", "Côte d'Ivoire", 'Ivory Coast', 'Ivorian'],
  ['HR', 'Croatia', 'Croatian'],
  ['CU', 'Cuba', 'Cuban'],
  ['CW', 'Curacao', 'Curaçao'],
  ['CY', 'Cyprus', 'Cypriot'],
  ['CZ', 'Czechia', 'Czech Republic', 'Czech'],
  ['DK', 'Denmark', 'Danish', 'Dane'],
  ['DJ', 'Djibouti', 'Djiboutian'],
  ['DM', 'Dominica', 'Dominican (Dominica)'],
  ['DO', 'Dominican Republic', 'Dominican'],
  ['EC', 'Ecuador', 'Ecuadorian', 'Ecuadorean'],
  ['EG', 'Egypt', 'Egyptian', 'Arab Republic of Egypt'],
  ['SV', 'El Salvador', 'Salvadoran', 'Salvadorian'],
  ['GQ', 'Equatorial Guinea', 'Equatoguinean'],
  ['ER', 'Eritrea', 'Eritrean'],
  ['EE', 'Estonia', 'Estonian'],
  ['SZ', 'Eswatini', 'Swaziland', 'Swazi'],
  ['ET', 'Ethiopia', 'Ethiopian'],
  ['FK', 'Falkland Islands', 'Falkland Islands (Malvinas)'],
  ['FO', 'Faroe Islands'],
  ['FJ', 'Fiji', 'Fijian'],
  ['FI', 'Finland', 'Finnish', 'Finn'],
  ['FR', 'France', 'French'],
  ['GF', 'French Guiana'],
  ['PF', 'French Polynesia'],
  ['TF', 'French Southern Territories'],
  ['GA', 'Gabon', 'Gabonese'],
  ['GM', 'Gambia', 'The Gambia', 'Gambia, The', 'Gambian'],
  ['GE', 'Georgia', 'Georgian'],
  ['DE', 'Germany', 'German', 'Federal Republic of Germany'],
  ['GH', 'Ghana', 'Ghanaian'],
  ['GI', 'Gibraltar'],
  ['GR', 'Greece', 'Greek', 'Hellenic Republic'],
  ['GL', 'Greenland'],
  ['GD', 'Grenada', 'Grenadian'],
  ['GP', 'Guadeloupe'],
  ['GU', 'Guam'],
  ['GT', 'Guatemala', 'Guatemalan'],
  ['GG', 'Guernsey'],
  ['GN', 'Guinea', 'Guinean'],
  ['GW', 'Guinea-Bissau', 'Guinea Bissau', 'Bissau-Guinean'],
  ['GY', 'Guyana', 'Guyanese'],
  ['HT', 'Haiti', 'Haitian'],
  ['HM', 'Heard Island and McDonald Islands'],
  ['VA', 'Holy See', 'Vatican', 'Vatican City'],
  ['HN', 'Honduras', 'Honduran'],
  [
    'HK',
    'Hong Kong',
    'Hong Kong SAR',
    'Hong Kong, China',
    'China, Hong Kong Special Administrative Region',
    'Hong Kong Special Administrative Region',
  ],
  ['HU', 'Hungary', 'Hungarian'],
  ['IS', 'Iceland', 'Icelandic'],
  ['IN', 'India', 'Indian'],
  ['ID', 'Indonesia', 'Indonesian'],
  [
    'IR',
    'Iran',
    'Iran (Islamic Republic of)',
    'Islamic Republic of Iran',
    'Iran, Islamic Republic of',
    'Iranian',
  ],
  ['IQ', 'Iraq', 'Iraqi'],
  ['IE', 'Ireland', 'Irish'],
  ['IM', 'Isle of Man', 'Man, Isle of'],
  ['IL', 'Israel', 'Israeli'],
  ['IT', 'Italy', 'Italian'],
  ['JM', 'Jamaica', 'Jamaican'],
  ['JP', 'Japan', 'Japanese'],
  ['JE', 'Jersey'],
  ['JO', 'Jordan', 'Jordanian'],
  ['KZ', 'Kazakhstan', 'Kazakh', 'Kazakhstani'],
  ['KE', 'Kenya', 'Kenyan'],
  ['KI', 'Kiribati'],
  [
    'KP',
    'North Korea',
    'Korea, North',
    "Democratic People's Republic of Korea",
    "Korea, Democratic People's Republic of",
    "Korea (Democratic People's Republic of)",
    'DPRK',
    'North Korean',
  ],
  [
    'KR',
    'South Korea',
    'Korea, South',
    'Republic of Korea',
    'Korea, Republic of',
    'Korea (Republic of)',
    'South Korean',
    'Korea',
  ],
  ['XK', 'Kosovo', 'Kosovar'],
  ['KW', 'Kuwait', 'Kuwaiti'],
  ['KG', 'Kyrgyzstan', 'Kyrgyz', 'Kyrgyz Republic', 'Kirghizia'],
  ['LA', 'Laos', "Lao People's Democratic Republic", 'Lao', 'Laotian'],
  ['LV', 'Latvia', 'Latvian'],
  ['LB', 'Lebanon', 'Lebanese'],
  ['LS', 'Lesotho', 'Basotho'],
  ['LR', 'Liberia', 'Liberian'],
  ['LY', 'Libya', 'Libyan', 'Libyan Arab Jamahiriya', 'State of Libya'],
  ['LI', 'Liechtenstein', 'Liechtensteiner'],
  ['LT', 'Lithuania', 'Lithuanian'],
  ['LU', 'Luxembourg', 'Luxembourgish', 'Luxembourger'],
  ['MO', 'Macao', 'Macau', 'Macao SAR', 'China, Macao Special Administrative Region'],
  ['MG', 'Madagascar', 'Malagasy'],
  ['MW', 'Malawi', 'Malawian'],
  ['MY', 'Malaysia', 'Malaysian'],
  ['MV', 'Maldives', 'Maldivian'],
  ['ML', 'Mali', 'Malian'],
  ['MT', 'Malta', 'Maltese'],
  ['MH', 'Marshall Islands', 'Marshallese'],
  ['MQ', 'Martinique'],
  ['MR', 'Mauritania', 'Mauritanian'],
  ['MU', 'Mauritius', 'Mauritian'],
  ['YT', 'Mayotte'],
  ['MX', 'Mexico', 'Mexican'],
  ['FM', 'Micronesia', 'Micronesia, Federated States of', 'Micronesia (Federated States of)', 'Micronesian'],
  ['MD', 'Moldova', 'Republic of Moldova', 'Moldova, Republic of', 'Moldovan'],
  ['MC', 'Monaco', 'Monegasque'],
  ['MN', 'Mongolia', 'Mongolian'],
  ['ME', 'Montenegro', 'Montenegrin'],
  ['MS', 'Montserrat'],
  ['MA', 'Morocco', 'Moroccan'],
  ['MZ', 'Mozambique', 'Mozambican'],
  ['MM', 'Myanmar', 'Burma', 'Burmese', 'Myanmar (Burma)'],
  ['NA', 'Namibia', 'Namibian'],
  ['NR', 'Nauru', 'Nauruan'],
  ['NP', 'Nepal', 'Nepalese', 'Nepali'],
  [
    'NL',
    'Netherlands',
    'The Netherlands',
    'Netherlands, The',
    'Holland',
    'Dutch',
    'Kingdom of the Netherlands',
  ],
  ['NC', 'New Caledonia'],
  ['NZ', 'New Zealand', 'New Zealander'],
  ['NI', 'Nicaragua', 'Nicaraguan'],
  ['NE', 'Niger', 'Nigerien'],
  ['NG', 'Nigeria', 'Nigerian'],
  ['NU', 'Niue'],
  ['NF', 'Norfolk Island'],
  [
    'MK',
    'North Macedonia',
    'Macedonia',
    'Republic of North Macedonia',
    'The former Yugoslav Republic of Macedonia',
    'North Macedonia, The Republic of',
    'Macedonian',
  ],
  ['MP', 'Northern Mariana Islands'],
  ['NO', 'Norway', 'Norwegian'],
  ['OM', 'Oman', 'Omani', 'Sultanate of Oman'],
  ['PK', 'Pakistan', 'Pakistani'],
  ['PW', 'Palau', 'Palauan'],
  [
    'PS',
    'Palestine',
    'State of Palestine',
    'Palestinian',
    'Palestinian Territories',
    'Palestinian Territory',
    'West Bank',
    'Gaza',
    'Gaza Strip',
    'West Bank and Gaza',
  ],
  ['PA', 'Panama', 'Panamanian'],
  ['PG', 'Papua New Guinea', 'Papua New Guinean'],
  ['PY', 'Paraguay', 'Paraguayan'],
  ['PE', 'Peru', 'Peruvian'],
  ['PH', 'Philippines', 'The Philippines', 'Filipino', 'Philippine'],
  ['PN', 'Pitcairn'],
  ['PL', 'Poland', 'Polish'],
  ['PT', 'Portugal', 'Portuguese'],
  ['PR', 'Puerto Rico', 'Puerto Rican'],
  ['QA', 'Qatar', 'Qatari', 'Qatarian', 'State of Qatar'],
  ['RE', 'Reunion', 'Réunion'],
  ['RO', 'Romania', 'Romanian'],
  ['RU', 'Russia', 'Russian Federation', 'Russian', 'Russia Federation'],
  ['RW', 'Rwanda', 'Rwandan'],
  ['BL', 'Saint Barthelemy', 'Saint Barthélemy'],
  ['SH', 'Saint Helena', 'Saint Helena, Ascension and Tristan da Cunha'],
  ['KN', 'Saint Kitts and Nevis', 'St. Kitts and Nevis', 'St Kitts and Nevis'],
  ['LC', 'Saint Lucia', 'St. Lucia', 'St Lucia'],
  ['MF', 'Saint Martin', 'Saint Martin (French part)'],
  ['PM', 'Saint Pierre and Miquelon'],
  [
    'VC',
    'Saint Vincent and the Grenadines',
    'St. Vincent and the Grenadines',
    'St Vincent and the Grenadines',
  ],
  ['WS', 'Samoa', 'Samoan'],
  ['SM', 'San Marino'],
  ['ST', 'Sao Tome and Principe', 'São Tomé and Príncipe'],
  ['SA', 'Saudi Arabia', 'Saudi', 'Saudi Arabian', 'Kingdom of Saudi Arabia'],
  ['SN', 'Senegal', 'Senegalese'],
  ['RS', 'Serbia', 'Serbian', 'Republic of Serbia'],
  ['SC', 'Seychelles', 'Seychellois'],
  ['SL', 'Sierra Leone', 'Sierra Leonean'],
  ['SG', 'Singapore', 'Singaporean'],
  ['SX', 'Sint Maarten', 'Sint Maarten (Dutch part)'],
  ['SK', 'Slovakia', 'Slovak', 'Slovak Republic'],
  ['SI', 'Slovenia', 'Slovenian', 'Slovene'],
  ['SB', 'Solomon Islands'],
  ['SO', 'Somalia', 'Somali'],
  ['ZA', 'South Africa', 'South African'],
  ['GS', 'South Georgia and the South Sandwich Islands'],
  ['SS', 'South Sudan', 'South Sudanese'],
  ['ES', 'Spain', 'Spanish'],
  ['LK', 'Sri Lanka', 'Sri Lankan'],
  ['SD', 'Sudan', 'Sudanese'],
  ['SR', 'Suriname', 'Surinamese'],
  ['SJ', 'Svalbard and Jan Mayen'],
  ['SE', 'Sweden', 'Swedish', 'Swede'],
  ['CH', 'Switzerland', 'Swiss'],
  ['SY', 'Syria', 'Syrian Arab Republic', 'Syrian'],
  ['TW', 'Taiwan', 'Taiwan, Province of China', 'Taiwanese', 'Chinese Taipei'],
  ['TJ', 'Tajikistan', 'Tajik', 'Tajikistani'],
  ['TZ', 'Tanzania', 'United Republic of Tanzania', 'Tanzania, United Republic of', 'Tanzanian'],
  ['TH', 'Thailand', 'Thai'],
  ['TL', 'Timor-Leste', 'East Timor', 'Timorese'],
  ['TG', 'Togo', 'Togolese'],
  ['TK', 'Tokelau'],
  ['TO', 'Tonga', 'Tongan'],
  ['TT', 'Trinidad and Tobago', 'Trinidadian', 'Trinidad'],
  ['TN', 'Tunisia', 'Tunisian'],
  ['TR', 'Turkey', 'Türkiye', 'Turkiye', 'Turkish'],
  ['TM', 'Turkmenistan', 'Turkmen'],
  ['TC', 'Turks and Caicos Islands'],
  ['TV', 'Tuvalu'],
  ['UG', 'Uganda', 'Ugandan'],
  ['UA', 'Ukraine', 'Ukrainian', 'Crimea'],
  ['AE', 'United Arab Emirates', 'UAE', 'Emirati', 'U.A.E.'],
  [
    'GB',
    'United Kingdom',
    'United Kingdom of Great Britain and Northern Ireland',
    'UK',
    'U.K.',
    'Great Britain',
    'Britain',
    'British',
    'England',
    'Scotland',
    'Wales',
    'Northern Ireland',
  ],
  ['US', 'United States', 'United States of America', 'USA', 'U.S.A.', 'US', 'U.S.', 'American'],
  ['UM', 'United States Minor Outlying Islands'],
  ['VI', 'Virgin Islands, U.S.', 'U.S. Virgin Islands', 'US Virgin Islands', 'Virgin Islands (U.S.)'],
  ['UY', 'Uruguay', 'Uruguayan'],
  ['UZ', 'Uzbekistan', 'Uzbek', 'Uzbekistani'],
  ['VU', 'Vanuatu'],
  ['VE', 'Venezuela', 'Venezuelan', 'Venezuela (Bolivarian Republic of)', 'Bolivarian Republic of Venezuela'],
  ['VN', 'Vietnam', 'Viet Nam', 'Vietnamese'],
  ['WF', 'Wallis and Futuna'],
  ['EH', 'Western Sahara', 'Sahrawi'],
  ['YE', 'Yemen', 'Yemeni', 'Republic of Yemen'],
  ['ZM', 'Zambia', 'Zambian'],
  ['ZW', 'Zimbabwe', 'Zimbabwean'],
  // Historical or non-ISO names still printed in older list entries.
  ['RU', 'USSR', 'Soviet Union', 'U.S.S.R.'],
  ['RS', 'Yugoslavia', 'Serbia and Montenegro', 'Federal Republic of Yugoslavia'],
];

/** ISO 3166-1 alpha-3 → alpha-2 (the EU FSF file gives countries as alpha-3), plus retired codes still printed. */
const ALPHA3 = new Map(
  [
    'AFG:AF ALA:AX ALB:AL DZA:DZ ASM:AS AND:AD AGO:AO AIA:AI ATA:AQ ATG:AG ARG:AR ARM:AM ABW:AW AUS:AU',
    'AUT:AT AZE:AZ BHS:BS BHR:BH BGD:BD BRB:BB BLR:BY BEL:BE BLZ:BZ BEN:BJ BMU:BM BTN:BT BOL:BO BES:BQ',
    'BIH:BA BWA:BW BVT:BV BRA:BR IOT:IO VGB:VG BRN:BN BGR:BG BFA:BF BDI:BI CPV:CV KHM:KH CMR:CM CAN:CA',
    'CYM:KY CAF:CF TCD:TD CHL:CL CHN:CN CXR:CX CCK:CC COL:CO COM:KM COG:CG COD:CD COK:CK CRI:CR CIV:CI',
    'HRV:HR CUB:CU CUW:CW CYP:CY CZE:CZ DNK:DK DJI:DJ DMA:DM DOM:DO ECU:EC EGY:EG SLV:SV GNQ:GQ ERI:ER',
    'EST:EE SWZ:SZ ETH:ET FLK:FK FRO:FO FJI:FJ FIN:FI FRA:FR GUF:GF PYF:PF ATF:TF GAB:GA GMB:GM GEO:GE',
    'DEU:DE GHA:GH GIB:GI GRC:GR GRL:GL GRD:GD GLP:GP GUM:GU GTM:GT GGY:GG GIN:GN GNB:GW GUY:GY HTI:HT',
    'HMD:HM VAT:VA HND:HN HKG:HK HUN:HU ISL:IS IND:IN IDN:ID IRN:IR IRQ:IQ IRL:IE IMN:IM ISR:IL ITA:IT',
    'JAM:JM JPN:JP JEY:JE JOR:JO KAZ:KZ KEN:KE KIR:KI PRK:KP KOR:KR XKX:XK KWT:KW KGZ:KG LAO:LA LVA:LV',
    'LBN:LB LSO:LS LBR:LR LBY:LY LIE:LI LTU:LT LUX:LU MAC:MO MDG:MG MWI:MW MYS:MY MDV:MV MLI:ML MLT:MT',
    'MHL:MH MTQ:MQ MRT:MR MUS:MU MYT:YT MEX:MX FSM:FM MDA:MD MCO:MC MNG:MN MNE:ME MSR:MS MAR:MA MOZ:MZ',
    'MMR:MM NAM:NA NRU:NR NPL:NP NLD:NL NCL:NC NZL:NZ NIC:NI NER:NE NGA:NG NIU:NU NFK:NF MKD:MK MNP:MP',
    'NOR:NO OMN:OM PAK:PK PLW:PW PSE:PS PAN:PA PNG:PG PRY:PY PER:PE PHL:PH PCN:PN POL:PL PRT:PT PRI:PR',
    'QAT:QA REU:RE ROU:RO RUS:RU RWA:RW BLM:BL SHN:SH KNA:KN LCA:LC MAF:MF SPM:PM VCT:VC WSM:WS SMR:SM',
    'STP:ST SAU:SA SEN:SN SRB:RS SYC:SC SLE:SL SGP:SG SXM:SX SVK:SK SVN:SI SLB:SB SOM:SO ZAF:ZA SGS:GS',
    'SSD:SS ESP:ES LKA:LK SDN:SD SUR:SR SJM:SJ SWE:SE CHE:CH SYR:SY TWN:TW TJK:TJ TZA:TZ THA:TH TLS:TL',
    'TGO:TG TKL:TK TON:TO TTO:TT TUN:TN TUR:TR TKM:TM TCA:TC TUV:TV UGA:UG UKR:UA ARE:AE GBR:GB USA:US',
    'UMI:UM VIR:VI URY:UY UZB:UZ VUT:VU VEN:VE VNM:VN WLF:WF ESH:EH YEM:YE ZMB:ZM ZWE:ZW YUG:RS SCG:RS',
    'SUN:RU ZAR:CD',
  ]
    .join(' ')
    .split(' ')
    .map((pair) => pair.split(':') as [string, string]),
);

export function countryKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

const BY_KEY = new Map<string, string>();
const CODES = new Set<string>();
for (const [code, ...names] of TABLE) {
  if (code === undefined) continue;
  CODES.add(code);
  for (const name of names) BY_KEY.set(countryKey(name), code);
}

/** "Iran (Islamic Republic of)", "Korea, North", "Iranian", "RU" → ISO alpha-2; undefined when unknown. */
/** Values that say "no country" rather than naming one. */
const NOT_A_COUNTRY = new Set([
  'undetermined',
  'unknown',
  'na',
  'n a',
  'none',
  'stateless',
  'not known',
  'various',
]);

export function isNotACountry(text: string): boolean {
  return NOT_A_COUNTRY.has(countryKey(text));
}

export function countryCode(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  // OFAC prints disputed or sub-national areas as "Region: Gaza".
  const trimmed = text.trim().replace(/^region:\s*/i, '');
  if (trimmed === '') return undefined;
  if (/^[A-Z]{2}$/.test(trimmed) && CODES.has(trimmed)) return trimmed;
  if (/^[A-Z]{3}$/.test(trimmed) && ALPHA3.has(trimmed)) return ALPHA3.get(trimmed);
  const key = countryKey(trimmed);
  const direct = BY_KEY.get(key);
  if (direct !== undefined) return direct;
  // "Iranian (Iranian citizenship)", "Indonesian (as at December 2003)", "Kuwaiti citizenship"
  const withoutParens = countryKey(trimmed.replace(/\([^)]*\)/g, ' '));
  const stripped = withoutParens
    .replace(
      /\b(citizenship|citizen|national|nationality|passport|by birth|possibly|probably|reportedly|formerly|former)\b/g,
      ' ',
    )
    .replace(/\s+/g, ' ')
    .trim();
  return BY_KEY.get(withoutParens) ?? BY_KEY.get(stripped);
}

const LONGEST_NAME_WORDS = Math.max(...[...BY_KEY.keys()].map((key) => key.split(' ').length));

/** Country names or demonyms appearing as whole words in free text, longest match first, in order of appearance. */
export function countriesInText(text: string): string[] {
  const words = countryKey(text)
    .split(' ')
    .filter((word) => word !== '');
  const codes: string[] = [];
  for (let start = 0; start < words.length; start += 1) {
    for (let length = Math.min(LONGEST_NAME_WORDS, words.length - start); length >= 1; length -= 1) {
      const candidate = words.slice(start, start + length).join(' ');
      // Two-letter keys (UK, US) only count when they are the whole text: "in" or "us" are ordinary words.
      if (candidate.length <= 3 && words.length > 1) continue;
      const code = BY_KEY.get(candidate);
      if (code !== undefined) {
        if (!codes.includes(code)) codes.push(code);
        start += length - 1;
        break;
      }
    }
  }
  return codes;
}

/** countryCode, or else the one country named in a short phrase ("In Syria as at June 2013"); never a guess between two. */
export function countryFromText(text: string | undefined | null): string | undefined {
  if (text === undefined || text === null) return undefined;
  const code = countryCode(text);
  if (code !== undefined) return code;
  const found = countriesInText(text);
  return found.length === 1 ? found[0] : undefined;
}

/**
 * Several countries in one cell: "(1) Somali (2) Swedish", "a) French, b) Tunisian", "1) Saudi Arabia 2) Qatar",
 * "Iran; Iraq". Returns the codes found (deduplicated, in order) and the pieces that matched nothing.
 */
export function parseCountries(text: string | undefined | null): { codes: string[]; unknown: string[] } {
  const codes: string[] = [];
  const unknown: string[] = [];
  if (text === undefined || text === null || text.trim() === '') return { codes, unknown };
  const enumerated = text.replace(
    /\(\s*(?:\d{1,2}|[a-h]|[ivx]{1,4})\s*\)|(?:^|\s)(?:\d{1,2}|[a-h])\)/gi,
    ';',
  );
  // Coarse separators first, so "Bosnia and Herzegovina" and "Korea, North" survive as one piece.
  const separators: readonly RegExp[] = [/;/, /,/, /\//, /\band\b/i, /\bor\b/i];
  const visit = (piece: string, level: number): void => {
    const trimmed = piece.trim().replace(/^[.\s]+|[.\s]+$/g, '');
    if (trimmed === '') return;
    const code = countryCode(trimmed);
    if (code !== undefined) {
      if (!codes.includes(code)) codes.push(code);
      return;
    }
    const separator = separators[level];
    if (separator === undefined) {
      // Last resort for prose ("In Syria as at June 2013"): any country name among the words.
      const found = countriesInText(trimmed);
      for (const foundCode of found) if (!codes.includes(foundCode)) codes.push(foundCode);
      if (found.length === 0 && !isNotACountry(trimmed)) unknown.push(trimmed);
      return;
    }
    const parts = trimmed.split(separator);
    if (parts.length === 1) visit(trimmed, level + 1);
    else for (const part of parts) visit(part, level + 1);
  };
  visit(enumerated, 0);
  return { codes, unknown };
}
