"""People's names in every script the bundled fonts promise to print."""

SAMPLE_NAMES = {
    "latin": "Zoë Łukasiewicz-Ærøskøbing, Ştefan Đorđević, Åsa Öberg, Jérôme Çelik, Ğülşen",
    "cyrillic": "Дмитрий Ёлкин, Олена Ґалаґан",
    "greek": "Αλέξανδρος Παπαδόπουλος",
    "arabic": "محمد عبد الله",
    "hebrew": "דוד כהן",
    "devanagari": "अमित कुमार",
    "chinese": "王小明 張偉",
    "japanese": "山田 太郎 やまだ ヤマダ",
    "korean": "김민수",
    "emoji": "Ann 👩\u200d👩\u200d👧 ❤️ 👍🏽",
}
