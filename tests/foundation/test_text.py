import unicodedata

from conferences.text import clean, fold


def test_fold_makes_accented_unaccented_and_decomposed_text_equal():
    composed = "Khởi nghiệp"
    decomposed = unicodedata.normalize("NFD", "khởi nghiệp")
    assert fold(composed) == fold(decomposed) == fold("khoi nghiep") == "khoi nghiep"


def test_fold_turns_d_with_stroke_into_d():
    assert fold("Đoàn Thanh niên ĐỘI") == "doan thanh nien doi"


def test_clean_keeps_accents_but_composes_and_trims():
    assert clean("  Bí thư Đoàn \n xã  Tân Minh ") == "Bí thư Đoàn xã Tân Minh"
    assert unicodedata.is_normalized("NFC", clean(unicodedata.normalize("NFD", "Tràng Định")))
