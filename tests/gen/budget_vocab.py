"""What 部门预算 and 部门决算 are made of: 功能分类 科目 (national codes), 经济分类, purposes.

The codes and names are the national 政府收支分类科目; several 款 share the 项 name 一般行政管理事务
(as in the real documents), so item scope must come from the 类/款/项 path, never from the 项 name.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Xiang:
    code: str  # 7 digits
    name: str
    use: str  # what the money is for ("主要用于…")
    basic: float  # share of 基本支出 (1 = all 基本, 0 = all 项目)


@dataclass(frozen=True)
class Kuan:
    code: str  # 5 digits
    name: str
    items: tuple[Xiang, ...]


@dataclass(frozen=True)
class Lei:
    code: str  # 3 digits
    name: str
    kuans: tuple[Kuan, ...]


def _gx(kcode: str, kname: str) -> Xiang:
    return Xiang(kcode + "02", "一般行政管理事务", f"{kname.removesuffix('事务')}相关工作经费", 0)


def _run(kcode: str) -> Xiang:
    return Xiang(kcode + "01", "行政运行", "机关正常运转所需的人员经费和公用经费", 1)


LEIS: tuple[Lei, ...] = (
    Lei(
        "201",
        "一般公共服务支出",
        (
            Kuan("20101", "人大事务", (_run("20101"), _gx("20101", "人大事务"))),
            Kuan(
                "20103",
                "政府办公厅（室）及相关机构事务",
                (
                    _run("20103"),
                    _gx("20103", "政府办公厅（室）及相关机构事务"),
                    Xiang("2010350", "事业运行", "所属事业单位正常运转的支出", 1),
                ),
            ),
            Kuan("20106", "财政事务", (_run("20106"), _gx("20106", "财政事务"))),
            Kuan("20129", "群众团体事务", (_gx("20129", "群众团体事务"),)),
            Kuan("20132", "组织事务", (_gx("20132", "组织事务"),)),
            Kuan("20133", "宣传事务", (_gx("20133", "宣传事务"),)),
            Kuan("20134", "统战事务", (_gx("20134", "统战事务"),)),
        ),
    ),
    Lei(
        "207",
        "文化旅游体育与传媒支出",
        (
            Kuan(
                "20701",
                "文化和旅游",
                (Xiang("2070109", "群众文化", "社区文化活动和公共文化服务", 0),),
            ),
        ),
    ),
    Lei(
        "208",
        "社会保障和就业支出",
        (
            Kuan(
                "20805",
                "行政事业单位养老支出",
                (
                    Xiang(
                        "2080505",
                        "机关事业单位基本养老保险缴费支出",
                        "按规定缴纳的基本养老保险费",
                        1,
                    ),
                    Xiang("2080506", "机关事业单位职业年金缴费支出", "按规定缴纳的职业年金", 1),
                ),
            ),
            Kuan(
                "20899",
                "其他社会保障和就业支出",
                (Xiang("2089999", "其他社会保障和就业支出", "其他社会保障方面的支出", 0.5),),
            ),
        ),
    ),
    Lei(
        "210",
        "卫生健康支出",
        (
            Kuan(
                "21011",
                "行政事业单位医疗",
                (
                    Xiang("2101101", "行政单位医疗", "行政单位职工的基本医疗保险缴费", 1),
                    Xiang("2101102", "事业单位医疗", "事业单位职工的基本医疗保险缴费", 1),
                ),
            ),
        ),
    ),
    Lei(
        "212",
        "城乡社区支出",
        (
            Kuan(
                "21201",
                "城乡社区管理事务",
                (_run("21201"), _gx("21201", "城乡社区管理事务")),
            ),
            Kuan(
                "21205",
                "城乡社区环境卫生",
                (Xiang("2120501", "城乡社区环境卫生", "道路保洁和垃圾清运", 0),),
            ),
        ),
    ),
    Lei(
        "221",
        "住房保障支出",
        (
            Kuan(
                "22102",
                "住房改革支出",
                (Xiang("2210201", "住房公积金", "按规定缴纳的住房公积金", 1),),
            ),
        ),
    ),
)

# 经济分类 of 基本支出: (code, name, 人员经费 or 公用经费)
ECON: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "301",
        "工资福利支出",
        (
            ("30101", "基本工资"),
            ("30102", "津贴补贴"),
            ("30108", "机关事业单位基本养老保险缴费"),
            ("30113", "住房公积金"),
        ),
    ),
    (
        "302",
        "商品和服务支出",
        (
            ("30201", "办公费"),
            ("30211", "差旅费"),
            ("30217", "公务接待费"),
            ("30231", "公务用车运行维护费"),
        ),
    ),
    ("303", "对个人和家庭的补助", (("30302", "退休费"), ("30305", "生活补助"))),
)

DEPTS = (  # written after the district's name (普安区 + 委宣传部)
    ("委宣传部", "宣传"),
    ("财政局", "财政"),
    ("人民政府办公室", "政府办公"),
    ("总工会", "工会"),
    ("长风街道办事处", "街道"),
    ("委统战部", "统战"),
)
PLACES = ("普安区", "临江区", "青山区", "东湖区", "南山区", "白云区", "新华区", "长宁区")

UP_REASONS = ("{what}经费增加", "人员调整导致{what}支出增加", "新增{what}工作任务，相应经费增加")
DOWN_REASONS = (
    "{what}经费减少",
    "压减一般性支出，{what}支出减少",
    "{what}工作任务减少，相应经费减少",
)
