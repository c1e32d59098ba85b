/**
 * Bilingual values of the customers and orders tables: each label is a `[zh, en]` pair so
 * the same draws give the same data in either language. Labels never contain a comma, a
 * quote or a line break (a test checks), so the CSV writer need not quote them.
 */

export type Label = readonly [zh: string, en: string]

export interface Industry {
  readonly label: Label
  /** Multiplies the category margin: some industries buy at better prices than others. */
  readonly marginFactor: number
  /** Words for the company name, `[zh, en]`. */
  readonly words: readonly Label[]
}

const industry = (label: Label, marginFactor: number, words: Label[]): Industry => ({
  label,
  marginFactor,
  words,
})

export const INDUSTRIES: readonly Industry[] = [
  industry(['制造业', 'Manufacturing'], 0.9, [
    ['机械', 'Machinery'],
    ['精密制造', 'Precision Manufacturing'],
    ['机电', 'Electromechanical'],
  ]),
  industry(['零售', 'Retail'], 0.85, [
    ['商贸', 'Trading'],
    ['百货', 'Department Store'],
    ['连锁', 'Chain Stores'],
  ]),
  industry(['金融', 'Finance'], 1.15, [
    ['投资', 'Investment'],
    ['金融服务', 'Financial Services'],
    ['融资租赁', 'Leasing'],
  ]),
  industry(['信息技术', 'Information technology'], 1.1, [
    ['科技', 'Technology'],
    ['信息技术', 'Information Technology'],
    ['软件', 'Software'],
  ]),
  industry(['医疗健康', 'Healthcare'], 1.05, [
    ['医疗器械', 'Medical Devices'],
    ['生物科技', 'Biotech'],
    ['健康管理', 'Health Management'],
  ]),
  industry(['建筑', 'Construction'], 0.95, [
    ['建设工程', 'Construction Engineering'],
    ['建材', 'Building Materials'],
    ['装饰工程', 'Decoration'],
  ]),
  industry(['物流', 'Logistics'], 0.9, [
    ['物流', 'Logistics'],
    ['供应链', 'Supply Chain'],
    ['运输', 'Transport'],
  ]),
  industry(['教育', 'Education'], 1.0, [
    ['教育科技', 'Education Technology'],
    ['培训', 'Training'],
    ['文化传播', 'Culture Media'],
  ]),
  industry(['能源', 'Energy'], 1.05, [
    ['新能源', 'New Energy'],
    ['电力设备', 'Power Equipment'],
    ['能源', 'Energy'],
  ]),
  industry(['餐饮', 'Catering'], 0.8, [
    ['餐饮管理', 'Catering Management'],
    ['食品', 'Foods'],
    ['酒店管理', 'Hotel Management'],
  ]),
]
export const INDUSTRY_WEIGHTS = [0.24, 0.14, 0.08, 0.14, 0.07, 0.08, 0.08, 0.05, 0.05, 0.07]

/** Company sizes, smallest first; a company's size follows its expected order value. */
export const SIZES: readonly Label[] = [
  ['小微企业', 'Micro'],
  ['小型企业', 'Small'],
  ['中型企业', 'Medium'],
  ['大型企业', 'Large'],
]

export interface Product {
  readonly label: Label
  /** Unit price in CNY; quantity is the order value over it. */
  readonly price: number
}

export interface Category {
  readonly label: Label
  /** Gross margin as a share of the amount. */
  readonly margin: number
  readonly products: readonly Product[]
}

const c = (zh: string, en: string, margin: number, products: [string, string, number][]) => ({
  label: [zh, en] as Label,
  margin,
  products: products.map(([pz, pe, price]) => ({ label: [pz, pe] as Label, price })),
})

export const B2B_CATEGORIES: readonly Category[] = [
  c('办公设备', 'Office equipment', 0.22, [
    ['激光打印机', 'Laser printer', 2800],
    ['商用笔记本电脑', 'Business laptop', 6500],
    ['投影仪', 'Projector', 4200],
    ['办公桌椅套装', 'Office desk set', 3600],
  ]),
  c('电子元器件', 'Electronic components', 0.15, [
    ['贴片电阻', 'SMD resistor reel', 180],
    ['单片机芯片', 'Microcontroller', 25],
    ['连接器', 'Connector', 12],
    ['电源模块', 'Power module', 260],
  ]),
  c('工业耗材', 'Industrial supplies', 0.28, [
    ['工业润滑油', 'Industrial lubricant', 480],
    ['劳保手套', 'Work gloves', 220],
    ['切削刀具', 'Cutting tool', 350],
    ['包装材料', 'Packaging material', 150],
  ]),
  c('软件服务', 'Software and services', 0.6, [
    ['年度软件许可', 'Annual software licence', 12000],
    ['云服务器套餐', 'Cloud server plan', 3000],
    ['技术支持服务', 'Support contract', 5000],
    ['实施培训', 'Implementation and training', 8000],
  ]),
  c('物流服务', 'Logistics services', 0.12, [
    ['整车运输', 'Full truckload', 4500],
    ['零担运输', 'Less than truckload', 800],
    ['仓储服务', 'Warehousing', 2000],
  ]),
]

export const B2C_CATEGORIES: readonly Category[] = [
  c('日用百货', 'Household goods', 0.3, [
    ['洗衣液', 'Laundry detergent', 59],
    ['抽纸', 'Tissues', 69],
    ['收纳箱', 'Storage box', 89],
    ['保温杯', 'Vacuum flask', 129],
  ]),
  c('食品饮料', 'Food and drink', 0.25, [
    ['坚果礼盒', 'Nut gift box', 168],
    ['有机大米', 'Organic rice', 89],
    ['茶叶', 'Tea', 268],
    ['咖啡豆', 'Coffee beans', 118],
  ]),
  c('服装鞋帽', 'Apparel and shoes', 0.45, [
    ['羽绒服', 'Down jacket', 899],
    ['运动鞋', 'Sneakers', 599],
    ['T恤', 'T-shirt', 129],
    ['牛仔裤', 'Jeans', 299],
  ]),
  c('家用电器', 'Home appliances', 0.18, [
    ['空气炸锅', 'Air fryer', 399],
    ['扫地机器人', 'Robot vacuum', 1999],
    ['电饭煲', 'Rice cooker', 499],
    ['吹风机', 'Hair dryer', 299],
  ]),
  c('美妆个护', 'Beauty and personal care', 0.55, [
    ['面霜', 'Face cream', 399],
    ['精华液', 'Serum', 599],
    ['洗发水', 'Shampoo', 79],
    ['口红', 'Lipstick', 259],
  ]),
]

export const B2B_SALES_CHANNELS: readonly Label[] = [
  ['直销', 'Direct sales'],
  ['经销商', 'Distributor'],
  ['官网商城', 'Web store'],
  ['电话订购', 'Phone order'],
  ['招投标', 'Tender'],
]
export const B2C_SALES_CHANNELS: readonly Label[] = [
  ['天猫旗舰店', 'Tmall store'],
  ['京东自营', 'JD.com'],
  ['微信小程序', 'WeChat mini program'],
  ['抖音小店', 'Douyin shop'],
  ['线下门店', 'Retail store'],
]

export const B2B_ACQUISITION: readonly Label[] = [
  ['展会', 'Trade fair'],
  ['客户推荐', 'Referral'],
  ['电话营销', 'Telemarketing'],
  ['官网咨询', 'Website enquiry'],
  ['招投标', 'Tender'],
  ['合作伙伴', 'Partner'],
]
export const B2C_ACQUISITION: readonly Label[] = [
  ['搜索广告', 'Search ads'],
  ['社交媒体', 'Social media'],
  ['朋友推荐', 'Friend referral'],
  ['线下门店', 'Retail store'],
  ['电商平台', 'Marketplace'],
  ['短视频', 'Short video'],
]

export const CUSTOMER_TYPES = { b2b: ['B2B', 'B2B'], b2c: ['B2C', 'B2C'] } as const

export const ORDER_STATUS_LABELS = {
  completed: ['已完成', 'completed'],
  refunded: ['已退款', 'refunded'],
  cancelled: ['已取消', 'cancelled'],
} as const satisfies Record<string, Label>
