/**
 * Fake but well-formed names, company names, phone numbers and e-mail addresses, in Chinese
 * and in pinyin. E-mail domains are under example.com/.net/.org (RFC 2606), so no address
 * can belong to a real person.
 */
import type { Rng } from './random.js'
import type { Industry, Label } from './vocab-commerce.js'

const SURNAMES: readonly Label[] = [
  ['王', 'Wang'],
  ['李', 'Li'],
  ['张', 'Zhang'],
  ['刘', 'Liu'],
  ['陈', 'Chen'],
  ['杨', 'Yang'],
  ['黄', 'Huang'],
  ['赵', 'Zhao'],
  ['吴', 'Wu'],
  ['周', 'Zhou'],
  ['徐', 'Xu'],
  ['孙', 'Sun'],
  ['马', 'Ma'],
  ['朱', 'Zhu'],
  ['胡', 'Hu'],
  ['郭', 'Guo'],
  ['何', 'He'],
  ['林', 'Lin'],
  ['高', 'Gao'],
  ['罗', 'Luo'],
  ['郑', 'Zheng'],
  ['梁', 'Liang'],
  ['谢', 'Xie'],
  ['宋', 'Song'],
  ['唐', 'Tang'],
  ['韩', 'Han'],
  ['冯', 'Feng'],
  ['邓', 'Deng'],
  ['曹', 'Cao'],
  ['彭', 'Peng'],
]

const GIVEN: readonly Label[] = [
  ['伟', 'wei'],
  ['芳', 'fang'],
  ['娜', 'na'],
  ['敏', 'min'],
  ['静', 'jing'],
  ['丽', 'li'],
  ['强', 'qiang'],
  ['磊', 'lei'],
  ['军', 'jun'],
  ['洋', 'yang'],
  ['勇', 'yong'],
  ['艳', 'yan'],
  ['杰', 'jie'],
  ['娟', 'juan'],
  ['涛', 'tao'],
  ['明', 'ming'],
  ['超', 'chao'],
  ['秀', 'xiu'],
  ['霞', 'xia'],
  ['平', 'ping'],
  ['刚', 'gang'],
  ['英', 'ying'],
  ['华', 'hua'],
  ['文', 'wen'],
  ['辉', 'hui'],
  ['建', 'jian'],
  ['玲', 'ling'],
  ['婷', 'ting'],
  ['宇', 'yu'],
  ['浩', 'hao'],
  ['欣', 'xin'],
  ['晨', 'chen'],
  ['雪', 'xue'],
  ['鹏', 'peng'],
  ['佳', 'jia'],
  ['琳', 'lin'],
  ['子', 'zi'],
  ['怡', 'yi'],
  ['博', 'bo'],
  ['凯', 'kai'],
]

const BRAND: readonly Label[] = [
  ['华', 'hua'],
  ['信', 'xin'],
  ['恒', 'heng'],
  ['盛', 'sheng'],
  ['达', 'da'],
  ['鑫', 'xin'],
  ['瑞', 'rui'],
  ['泰', 'tai'],
  ['德', 'de'],
  ['宏', 'hong'],
  ['立', 'li'],
  ['新', 'xin'],
  ['中', 'zhong'],
  ['天', 'tian'],
  ['源', 'yuan'],
  ['远', 'yuan'],
  ['博', 'bo'],
  ['嘉', 'jia'],
  ['海', 'hai'],
  ['永', 'yong'],
  ['汇', 'hui'],
  ['佳', 'jia'],
  ['丰', 'feng'],
  ['安', 'an'],
  ['通', 'tong'],
  ['联', 'lian'],
  ['正', 'zheng'],
  ['明', 'ming'],
  ['创', 'chuang'],
  ['腾', 'teng'],
]

const SUFFIXES: readonly Label[] = [
  ['有限公司', 'Co., Ltd.'],
  ['有限公司', 'Co., Ltd.'],
  ['股份有限公司', 'Corp.'],
  ['集团有限公司', 'Group Co., Ltd.'],
]

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '176',
  '177',
  '180',
  '181',
  '182',
  '186',
  '187',
  '188',
  '189',
  '199',
]

const MAIL_DOMAINS = ['example.com', 'example.net', 'example.org']

export interface PersonName {
  readonly zh: string
  readonly en: string
  /** Lower-case pinyin without spaces, for e-mail addresses. */
  readonly login: string
}

export function personName(rng: Rng): PersonName {
  const surname = rng.pick(SURNAMES)
  const first = rng.pick(GIVEN)
  const second = rng.chance(0.6) ? rng.pick(GIVEN) : null
  const given = second === null ? first[1] : first[1] + second[1]
  return {
    zh: surname[0] + first[0] + (second === null ? '' : second[0]),
    en: `${surname[1]} ${given[0]!.toUpperCase()}${given.slice(1)}`,
    login: (surname[1] + given).toLowerCase(),
  }
}

export interface CompanyName {
  readonly zh: string
  readonly en: string
  /** The brand in lower-case pinyin, for the company's mail domain. */
  readonly brand: string
}

/** A company name such as 杭州华信科技有限公司 / Hangzhou Huaxin Technology Co., Ltd. */
export function companyName(rng: Rng, city: Label, industry: Industry): CompanyName {
  const one = rng.pick(BRAND)
  const two = rng.pick(BRAND)
  const word = rng.pick(industry.words)
  const suffix = rng.pick(SUFFIXES)
  const brand = one[1] + two[1]
  const title = brand[0]!.toUpperCase() + brand.slice(1)
  return {
    zh: city[0] + one[0] + two[0] + word[0] + suffix[0],
    en: `${city[1]} ${title} ${word[1]} ${suffix[1]}`,
    brand,
  }
}

/** A mainland mobile number: 11 digits starting 13x, 15x, 18x … */
export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + String(rng.int(1e8)).padStart(8, '0')
}

export function personalEmail(rng: Rng, name: PersonName): string {
  return `${name.login}${rng.int(1000)}@${rng.pick(MAIL_DOMAINS)}`
}

export function workEmail(name: PersonName, company: CompanyName): string {
  return `${name.login}@${company.brand}.example.com`
}
