"""The 31 mainland province-level divisions, by ISO 3166-2:CN code, with en/zh names."""

from __future__ import annotations

REGIONS: dict[str, tuple[str, str]] = {
    "CN-BJ": ("Beijing", "北京"),
    "CN-TJ": ("Tianjin", "天津"),
    "CN-HE": ("Hebei", "河北"),
    "CN-SX": ("Shanxi", "山西"),
    "CN-NM": ("Inner Mongolia", "内蒙古"),
    "CN-LN": ("Liaoning", "辽宁"),
    "CN-JL": ("Jilin", "吉林"),
    "CN-HL": ("Heilongjiang", "黑龙江"),
    "CN-SH": ("Shanghai", "上海"),
    "CN-JS": ("Jiangsu", "江苏"),
    "CN-ZJ": ("Zhejiang", "浙江"),
    "CN-AH": ("Anhui", "安徽"),
    "CN-FJ": ("Fujian", "福建"),
    "CN-JX": ("Jiangxi", "江西"),
    "CN-SD": ("Shandong", "山东"),
    "CN-HA": ("Henan", "河南"),
    "CN-HB": ("Hubei", "湖北"),
    "CN-HN": ("Hunan", "湖南"),
    "CN-GD": ("Guangdong", "广东"),
    "CN-GX": ("Guangxi", "广西"),
    "CN-HI": ("Hainan", "海南"),
    "CN-CQ": ("Chongqing", "重庆"),
    "CN-SC": ("Sichuan", "四川"),
    "CN-GZ": ("Guizhou", "贵州"),
    "CN-YN": ("Yunnan", "云南"),
    "CN-XZ": ("Tibet", "西藏"),
    "CN-SN": ("Shaanxi", "陕西"),
    "CN-GS": ("Gansu", "甘肃"),
    "CN-QH": ("Qinghai", "青海"),
    "CN-NX": ("Ningxia", "宁夏"),
    "CN-XJ": ("Xinjiang", "新疆"),
}


def region_name(code: str, lang: str) -> str:
    """The region's name in `lang`, or the code itself if unknown."""
    names = REGIONS.get(code)
    if names is None:
        return code
    return names[1] if lang == "zh" else names[0]
