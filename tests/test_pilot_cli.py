"""Issue 13, command line: ``signoff`` freezes an assessment, ``verify`` records the on-site rating."""

from __future__ import annotations

import json
import shutil

from smedigital.cli import main
from smedigital.core.answers import Answer
from smedigital.core.assessment import FrozenAssessment, load_assessment
from smedigital.core.resources import resource_path

AFTER = resource_path("samples", "pilot", "manufacturer-miit-after.smd.json")
PC = "miit.scene.production_control"


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def copy(tmp_path):
    path = tmp_path / "after.smd.json"
    shutil.copyfile(AFTER, path)
    return path


def test_signoff_freezes_the_file_and_a_second_signoff_is_refused(capsys, tmp_path):
    path = copy(tmp_path)
    code, out, err = run(capsys, "signoff", path, "--by", "张三", "--org", "某服务商", "--date", "2026-12-01")
    assert code == 0 and "张三" in out and "冻结" in out
    a = load_assessment(path)
    assert a.signed_off == {"by": "张三（某服务商）", "date": "2026-12-01"}
    try:
        a.with_answer(PC, Answer(level=1))
    except FrozenAssessment:
        pass
    else:
        raise AssertionError("a signed-off assessment took a new answer")
    before = path.read_bytes()
    code, out, err = run(capsys, "--lang", "en", "signoff", path, "--by", "李四")
    assert code == 1 and "already signed off by 张三（某服务商） on 2026-12-01" in err
    assert path.read_bytes() == before


def test_signoff_json_to_another_file_and_bad_input(capsys, tmp_path):
    path = copy(tmp_path)
    out_path = tmp_path / "signed.smd.json"
    code, out, _ = run(capsys, "signoff", path, "--by", "Zhang", "-o", out_path, "--json", "--date", "2026-12-02")
    assert code == 0 and json.loads(out)["signed_off"] == {"by": "Zhang", "date": "2026-12-02"}
    assert load_assessment(path).signed_off is None  # the original is left as it was
    code, _, err = run(capsys, "signoff", path, "--by", "Zhang", "-o", out_path)
    assert code == 1 and "已存在" in err
    code, _, err = run(capsys, "--lang", "en", "signoff", path, "--by", "  ", "--date", "2026-12-02")
    assert code == 2 and "needs a name" in err
    code, _, err = run(capsys, "signoff", path, "--by", "Zhang", "--date", "1999-01-01")
    assert code == 2 and "--date" in err and "1999-01-01" in err
    assert load_assessment(path).signed_off is None


def test_verify_records_the_rating_on_a_signed_off_file_and_prints_the_differences(capsys, tmp_path):
    path = copy(tmp_path)
    assert run(capsys, "signoff", path, "--by", "张三", "--date", "2026-12-01")[0] == 0
    answers = tmp_path / "verified.json"
    answers.write_text(json.dumps({PC: {"level": 1, "remark": "MES 仅试运行"}}, ensure_ascii=False), encoding="utf-8")
    code, out, err = run(capsys, "--lang", "en", "verify", path, "--answers", answers, "--by", "Wang",
                         "--org", "Rating body", "--date", "2026-12-05")
    assert code == 0, err
    assert "Production control: self Level 2, verified Level 1" in out and "MES 仅试运行" in out
    a = load_assessment(path)
    assert a.signed_off["by"] == "张三"  # the sign-off stays
    assert (a.verification.who, a.verification.organisation, a.verification.date) == ("Wang", "Rating body",
                                                                                      "2026-12-05")
    assert a.verification.answers[PC].level == 1 and a.verification.remarks[PC] == "MES 仅试运行"
    code, out, _ = run(capsys, "verify", path, "--answers", answers, "--by", "Wang", "--org", "X", "--json",
                       "--date", "2026-12-06")
    data = json.loads(out)
    assert code == 0 and data["differences"][0]["id"] == PC and data["differences"][0]["verified"] == "1"


def test_verify_refuses_bad_answers_and_leaves_the_file_alone(capsys, tmp_path):
    path = copy(tmp_path)
    before = path.read_bytes()
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"no.such.question": {"level": 1}, PC: {"level": 9}}), encoding="utf-8")
    code, _, err = run(capsys, "verify", path, "--answers", bad, "--by", "W", "--org", "L")
    assert code == 1 and "no.such.question" in err and "不是" in err and PC in err
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    code, _, err = run(capsys, "--lang", "en", "verify", path, "--answers", broken, "--by", "W", "--org", "L")
    assert code == 1 and "broken.json: not a JSON file" in err
    code, _, err = run(capsys, "verify", path, "--answers", tmp_path / "none.json", "--by", "W", "--org", "L")
    assert code == 1 and "none.json" in err
    code, _, err = run(capsys, "verify", path, "--answers", bad, "--by", "W", "--org", " ")
    assert code == 2 and "--org" in err
    assert path.read_bytes() == before


def test_signoff_of_a_signed_export_says_its_signature_was_removed(capsys, tmp_path):
    from smedigital.export.record import save_signed_assessment

    path = tmp_path / "exported.smd.json"
    assert save_signed_assessment(load_assessment(AFTER), path)
    code, _, err = run(capsys, "--lang", "en", "signoff", path, "--by", "Zhang", "--date", "2026-12-01")
    assert code == 0 and f"{path}: the signature it carried was removed, because its content changed" in err
    assert "signature" not in json.loads(path.read_text(encoding="utf-8"))
    plain = copy(tmp_path)  # an unsigned file: nothing said about signatures
    code, _, err = run(capsys, "--lang", "en", "signoff", plain, "--by", "Zhang", "--date", "2026-12-01")
    assert code == 0 and "signature" not in err
