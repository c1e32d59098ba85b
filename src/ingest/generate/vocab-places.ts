/**
 * Regions (大区), provinces and cities, as `[zh, en]` pairs, with each region's share of
 * customers.
 */
import type { Label } from './vocab-commerce.js'

export interface Province {
  readonly label: Label
  readonly cities: readonly Label[]
}

export interface Region {
  readonly label: Label
  readonly weight: number
  readonly provinces: readonly Province[]
}

const p = (zh: string, en: string, cities: readonly Label[]): Province => ({
  label: [zh, en],
  cities,
})

export const REGIONS: readonly Region[] = [
  {
    label: ['华东', 'East China'],
    weight: 0.32,
    provinces: [
      p('上海', 'Shanghai', [['上海', 'Shanghai']]),
      p('江苏', 'Jiangsu', [
        ['南京', 'Nanjing'],
        ['苏州', 'Suzhou'],
        ['无锡', 'Wuxi'],
      ]),
      p('浙江', 'Zhejiang', [
        ['杭州', 'Hangzhou'],
        ['宁波', 'Ningbo'],
        ['温州', 'Wenzhou'],
      ]),
      p('山东', 'Shandong', [
        ['济南', 'Jinan'],
        ['青岛', 'Qingdao'],
      ]),
      p('安徽', 'Anhui', [['合肥', 'Hefei']]),
      p('福建', 'Fujian', [
        ['福州', 'Fuzhou'],
        ['厦门', 'Xiamen'],
      ]),
    ],
  },
  {
    label: ['华南', 'South China'],
    weight: 0.2,
    provinces: [
      p('广东', 'Guangdong', [
        ['广州', 'Guangzhou'],
        ['深圳', 'Shenzhen'],
        ['东莞', 'Dongguan'],
        ['佛山', 'Foshan'],
      ]),
      p('广西', 'Guangxi', [['南宁', 'Nanning']]),
      p('海南', 'Hainan', [['海口', 'Haikou']]),
    ],
  },
  {
    label: ['华北', 'North China'],
    weight: 0.17,
    provinces: [
      p('北京', 'Beijing', [['北京', 'Beijing']]),
      p('天津', 'Tianjin', [['天津', 'Tianjin']]),
      p('河北', 'Hebei', [
        ['石家庄', 'Shijiazhuang'],
        ['唐山', 'Tangshan'],
      ]),
      p('山西', 'Shanxi', [['太原', 'Taiyuan']]),
    ],
  },
  {
    label: ['华中', 'Central China'],
    weight: 0.1,
    provinces: [
      p('湖北', 'Hubei', [['武汉', 'Wuhan']]),
      p('湖南', 'Hunan', [['长沙', 'Changsha']]),
      p('河南', 'Henan', [
        ['郑州', 'Zhengzhou'],
        ['洛阳', 'Luoyang'],
      ]),
    ],
  },
  {
    label: ['西南', 'Southwest China'],
    weight: 0.1,
    provinces: [
      p('四川', 'Sichuan', [['成都', 'Chengdu']]),
      p('重庆', 'Chongqing', [['重庆', 'Chongqing']]),
      p('云南', 'Yunnan', [['昆明', 'Kunming']]),
      p('贵州', 'Guizhou', [['贵阳', 'Guiyang']]),
    ],
  },
  {
    label: ['东北', 'Northeast China'],
    weight: 0.06,
    provinces: [
      p('辽宁', 'Liaoning', [
        ['沈阳', 'Shenyang'],
        ['大连', 'Dalian'],
      ]),
      p('吉林', 'Jilin', [['长春', 'Changchun']]),
      p('黑龙江', 'Heilongjiang', [['哈尔滨', 'Harbin']]),
    ],
  },
  {
    label: ['西北', 'Northwest China'],
    weight: 0.05,
    provinces: [
      p('陕西', 'Shaanxi', [['西安', "Xi'an"]]),
      p('甘肃', 'Gansu', [['兰州', 'Lanzhou']]),
      p('新疆', 'Xinjiang', [['乌鲁木齐', 'Urumqi']]),
    ],
  },
]
