import type { Catalogue } from "../internal/catalogue"

/**
 * Simplified Chinese messages (the default locale).
 *
 * @since 0.1.0
 * @category models
 */
export const zhCN: Catalogue = {
  errors: {
    "invalid-json": "无法解析为 JSON{detail}",
    "invalid-csv": "无法解析 CSV{detail}",
    "missing-field": "缺少必填字段",
    "unexpected-field": "不认识的字段",
    "invalid-type": "类型不符{expected}",
    "invalid-value": "取值无效{value}{expected}",
    "invalid-date": "日期无效，应为 YYYY-MM-DD 格式的真实日期{value}",
    "invalid-decimal": "数值无效{value}",
    "invalid-unit": "单位无法识别{value}，可用单位：mg/kg、ug/kg（µg/kg、μg/kg）、d、h、度日",
    "invalid-region": "行政区划代码无效{value}，应为 6 位 GB/T 2260 代码",
    "unreadable-measurement": "检测值无法读取{value}",
    "unit-mismatch": "单位不可比较{value}",
    "unknown-record-kind": "记录类型未知{value}",
    "unknown-food": "未知的食品名称{name}{nearest}",
    "unknown-substance": "未知的物质名称{name}{nearest}",
    "unknown-species": "未知的动物种类{name}{nearest}",
    "unknown-tissue": "未知的组织部位{name}{nearest}",
    "ambiguous-name": "名称有歧义{name}，可能指：{candidates}",
    "not-an-animal-product": "{name}不是动物性产品，无法按动物种类和组织判定",
    "date-order": "日期先后不合理{value}",
    "pack-unknown-reference": "规则包引用了不存在的条目{name}",
    "pack-duplicate": "重复的条目{name}",
    "pack-overlap": "同一对象的有效期重叠{name}",
    "pack-uncited": "条目缺少出处{name}",
    "pack-loosens": "下级规则包{layer}试图放宽上级规则包{parent}的规定{name}{detail}",
    "pack-unknown-parent": "规则包的上级不存在{name}",
    "pack-cycle": "规则包的上下级关系形成循环{name}",
    "rule-unknown-fact": "自定义规则引用了未定义的事实{name}",
    "rule-unknown-operator": "自定义规则使用了未知的运算符{name}",
    "rule-invalid": "自定义规则无效{detail}",
    "usage": "用法错误{detail}",
    "io": "读写失败{detail}"
  },
  outcomes: {
    "not-detected": "未检出",
    "within-limit": "未超过限量",
    "exceeds-limit": "超过限量",
    "exceeds-within-uncertainty": "超过限量但在测量不确定度范围内",
    "detected-must-not-detect": "检出（不得检出）",
    "prohibited-substance-detected": "检出禁用物质",
    "no-limit": "无限量标准",
    "inconclusive": "未检出但方法检出限高于限量，无法判定",
    "screen-negative": "快检阴性",
    "screen-positive": "快检阳性，需实验室方法确证",
    "interval-respected": "符合安全间隔期/休药期",
    "interval-too-short": "未满安全间隔期/休药期",
    "interval-unknown": "安全间隔期/休药期未知",
    "prohibited-in-state": "该生产阶段禁用",
    "use-prohibited": "使用了禁用物质",
    "use-outside-registration": "超出登记使用范围",
    "registered-use": "在登记范围内使用",
    "custom": "地方规则"
  },
  verdicts: { "compliant": "合格", "non-compliant": "不合格", "indeterminate": "待定" },
  referrals: { "criminal-referral": "涉嫌犯罪，移送公安机关", "administrative": "行政处理", "confirm-by-lab": "需实验室确证" },
  words: { at: "位置", nearest: "；最接近的名称：", expected: "，应为", unverified: "（依据的数据未经官方文本核实）" }
}
