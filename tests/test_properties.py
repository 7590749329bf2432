"""Property tests: raising an answer never lowers anything; the order of answers never matters."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from smedigital.core.answers import Answer
from smedigital.core.framework import bundled_frameworks
from smedigital.core.scoring import score_answers

FRAMEWORKS = list(bundled_frameworks().values())


@st.composite
def answer_for(draw, q):
    if q.na_allowed and draw(st.integers(0, 9)) == 0:
        return Answer(na=True)
    if draw(st.integers(0, 6)) == 0:
        return None  # unanswered
    if q.is_leveled:
        return Answer(level=draw(st.integers(0, 4)))
    if q.kind == "multi":
        plain = [o.id for o in q.options if not o.exclusive]
        none = [o.id for o in q.options if o.exclusive]
        if none and draw(st.booleans()) and draw(st.booleans()):
            return Answer(choices=(none[0],))
        chosen = draw(st.lists(st.sampled_from(plain), unique=True, max_size=len(plain)))
        return Answer(choices=tuple(chosen)) if chosen else None
    return Answer(choice=draw(st.sampled_from([o.id for o in q.options])))


@st.composite
def scenario(draw):
    fw = draw(st.sampled_from(FRAMEWORKS))
    modules = frozenset(m for m in fw.modules if draw(st.booleans()))
    answers = {}
    for q in fw.questions_for(modules):
        a = draw(answer_for(q))
        if a is not None:
            answers[q.id] = a
    return fw, modules, answers


def raise_one(draw, fw, modules, answers):
    q = draw(st.sampled_from(fw.questions_for(modules)))
    a = answers.get(q.id)
    if a is not None and a.na:
        return None
    if q.is_leveled:
        level = a.level if a else 0
        return None if level >= 4 else (q.id, Answer(level=draw(st.integers(level + 1, 4))))
    if q.kind == "multi":
        chosen = [c for c in (a.choices if a else ()) if not q.option(c).exclusive]
        rest = [o.id for o in q.options if not o.exclusive and o.id not in chosen]
        return None if not rest else (q.id, Answer(choices=tuple(chosen + [draw(st.sampled_from(rest))])))
    current = q.option(a.choice).points if a else -1
    better = [o.id for o in q.options if o.points >= current]
    return (q.id, Answer(choice=draw(st.sampled_from(better)))) if better else None


@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_raising_any_one_answer_never_lowers_total_pillars_or_level(data):
    fw, modules, answers = data.draw(scenario())
    before = score_answers(fw, answers, modules, explain=False)
    change = raise_one(data.draw, fw, modules, answers)
    if change is None:
        return
    after = score_answers(fw, {**answers, change[0]: change[1]}, modules, explain=False)
    assert after.total_score >= before.total_score
    for p in before.pillars:
        assert after.pillars[p] >= before.pillars[p]
    assert after.level_index >= before.level_index
    assert after.stage.index >= before.stage.index


@settings(max_examples=200, deadline=None)
@given(data=st.data())
def test_scoring_does_not_depend_on_the_order_of_answers(data):
    fw, modules, answers = data.draw(scenario())
    order = data.draw(st.permutations(list(answers)))
    a = score_answers(fw, answers, modules)
    b = score_answers(fw, {k: answers[k] for k in order}, modules)
    assert (a.total_score, a.level_index, a.stage.index, dict(a.pillars)) == \
           (b.total_score, b.level_index, b.stage.index, dict(b.pillars))
    assert [s.question_id for s in a.level_gap.suggested] == [s.question_id for s in b.level_gap.suggested] \
        if a.level_gap else b.level_gap is None
