from gloss.context import detect_region, detect_year
from gloss.model import Region
from gloss.normalize import normalize

REGIONS = [Region("全国", "national"), Region("河南省", "province", "全国"), Region("洛阳市", "city", "河南省"),
           Region("涧西区", "district", "洛阳市"), Region("西工区", "district", "洛阳市")]


def test_heading_of_a_district_report():
    head = normalize(" 政府工作报告\n\n——2020年 5月 21日在洛阳市涧西区第十五届人民代表大会\n\n第五次会议上")
    assert detect_region(head, REGIONS) == "涧西区"
    assert detect_year(head) == 2020


def test_forum_chrome_before_the_heading():
    head = normalize("设为首页收藏本站\n发表于 2020-7-14 10:33:28\n[河南] 2020年洛阳市西工区政府工作报告\n——2020年5月22日在西工区")
    assert detect_region(head, REGIONS) == "西工区"
    assert detect_year(head) == 2020


def test_state_council_and_unknown():
    assert detect_region("现在，我代表国务院，向大会报告政府工作", REGIONS) == "全国"
    assert detect_region("没有地名", REGIONS) is None
    assert detect_year("没有日期") is None
