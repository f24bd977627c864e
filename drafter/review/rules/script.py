"""Text that is not in simplified Chinese: runs in traditional script, and pinyin left in the text (zhidu).

A small table of traditional-only characters is enough to find a run; converting
is left to the writer (OpenCC does it: `opencc -c t2s`).
"""

from __future__ import annotations

import re

from ..findings import Finding
from ..source import Source

__all__ = ["TRADITIONAL", "check"]

# Traditional forms whose simplified form differs and that simplified text does not use.
TRADITIONAL = frozenset(
    "與們這個來時說會對國發經當過還從進動種開關機體點問題現實際應該間學習長區縣鄉黨員幹務費單設計劃監紀檢風範辦處"
    "調議報導領潔節約儉車輛嚴規執標準違錄級職權責維護歷萬億較減統組織驗證認識論語讀書寫電話網絡視頻聽見覺觀眾輕簡"
    "態勢續紅線濟邊遠運轉聯繫係屬歸擊戰鬥勝敗衛養醫藥療險盡滿夠參與為麼個們傳達貫徹務幫團圍圖場專產業農擔據協"
    "導層闆濫顧響飯館樓營銷億贈禮齊濟將帶際陽陰陸隊隨險陳陣陝華單賣衛廠廣慶應態懷戶擁擇擴掃掛換損搖搶攜斷無舊時"
    "曉晝條來東楊極構槍樣標樹橋歡殘毀氣漢湯溝滅潛澤濕災為點熱愛爭狀獨獲環現產畫當療發盡監盤碼礎確禮禍稅穩窮競筆節"
    "範築簡糧紀約級紙細終組結給絕統絲經綠網綜緊線練縣總績繼續罰羅聖聞聯聲職聽脫腦臉臨興舉艦艱芻莊華萬葉蓋蘇處號虧"
    "蟲補裝襯複規親覽觀觸計訂訓託記訪設許訴診詞詢試詩話誠誤說課調談請諸論諾謀謂講謝證識譜議護讀讓變豐貝負貢財責貧"
    "貨販貫貴貸費貼賀資賠賦質購賽趕趙趨躍軍軟較載輔輛輪輸轄辦辭農邊遲遞遷選遺鄉鄰醫釋鐘鋼錢錯鍵鎮長門閉開閑間閱闊"
    "隊階際險隱雜雞難雲電靈響頁項順須頓預領頻題額風飛飲飾餘館馬駐騎驗體髮鬆魚鳥麗黨齡"
)
RUN_END = "。！？\n"
_TRADITIONAL = re.compile("[" + re.escape("".join(sorted(TRADITIONAL))) + "]")
# A pinyin syllable (initial + final); a token must be made of them alone.
_SYLLABLE = r"(?:[bpmfdtnlgkhjqxrzcsyw]|zh|ch|sh)?(?:iang|iong|uang|ang|eng|ing|ong|uan|ian|iao|uai|ai|ei|ao|ou|an|en|in|un|ia|ie|iu|ua|uo|ue|ui|er|a|o|e|i|u|v)"
PINYIN = re.compile(rf"(?:{_SYLLABLE}){{2,}}")
LATIN = re.compile(r"(?<![A-Za-z])[a-z]{4,}(?![A-Za-z])")
CJK = re.compile(r"[\u4e00-\u9fff]")
NOT_PINYIN = frozenset({"wifi", "email", "online", "http", "https", "html", "www", "docx", "xlsx", "json"})


def _traditional_runs(text: str) -> list[tuple[int, int]]:
    """Sentences holding two or more traditional-only characters, consecutive ones merged."""
    runs: list[tuple[int, int]] = []
    for m in re.finditer(rf"[^{RUN_END}]*[{RUN_END}]?", text):
        a, b = m.span()
        if a == b:
            continue
        sentence = text[a:b].rstrip("\n")
        if len(_TRADITIONAL.findall(text, a, b)) >= 2:
            a += len(sentence) - len(sentence.lstrip(" \t\u3000"))
            b = a + len(sentence.strip(" \t\u3000"))
            if runs and text[runs[-1][1] : a].strip() == "":
                runs[-1] = (runs[-1][0], b)
            else:
                runs.append((a, b))
    return runs


def check(src: Source) -> list[Finding]:
    text = src.text
    runs = _traditional_runs(text)
    out = [
        Finding(
            "script",
            "warning",
            "这段文字是繁体字，公文应使用规范简化字",
            a,
            b,
            text[a:b],
            suggest="转换为简体字（如用 OpenCC：opencc -c t2s）",
            rule_id="script.traditional",
        )
        for a, b in runs
    ]
    # one traditional-only character in simplified text (核對): an input-method slip, not a run
    for m in _TRADITIONAL.finditer(text):
        if not any(a <= m.start() < b for a, b in runs):
            out.append(
                Finding(
                    "script",
                    "warning",
                    f"「{m.group()}」是繁体字，公文应使用规范简化字",
                    m.start(),
                    m.end(),
                    m.group(),
                    suggest="换成对应的简化字",
                    rule_id="script.traditional_char",
                )
            )
    for m in LATIN.finditer(text):
        word = m.group()
        near = text[max(0, m.start() - 1) : m.start()] + text[m.end() : m.end() + 1]
        if word in NOT_PINYIN or not CJK.search(near) or not PINYIN.fullmatch(word):
            continue
        out.append(
            Finding(
                "script",
                "warning",
                f"正文里混入了拼音「{word}」（输入法残留）",
                m.start(),
                m.end(),
                word,
                suggest="删去拼音或换成对应的汉字",
                rule_id="script.pinyin",
            )
        )
    return out
