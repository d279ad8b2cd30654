"""Demo data of this app, loaded by `equalcity load_demo` after the programme and toolboxes.

French and Arabic demo translations of the published women-and-girls toolbox, written for
this demo (``is_demo``): some reviewed, some translated, one outdated (made from the text of
edition 1.0, before the source changed) and the rest missing, so that the coverage dashboard
shows every state. The toolbox summary and some of the (illustrative) testimonies are
translated too, so the reader and the PDF edition show them in French and Arabic. (The demo
modules have no summary, so there is no module summary to translate.) Idempotent: a second
run writes nothing.
"""

from datetime import UTC, datetime

from equalcity.accounts.models import User
from equalcity.programmes.demo import DEMO_DOMAIN, _upsert
from equalcity.toolboxes.demo import ISTANBUL, WOMEN_SLUG
from equalcity.toolboxes.models import Section, Testimony, Toolbox
from equalcity.translations.models import (
    ProgrammeLanguage,
    Translation,
    TranslationStatus,
    TranslatorAssignment,
)
from equalcity.translations.units import source_hash

# Reviewed after edition 1.1 (15 Oct 2021), before the programme closed (demo data).
REVIEWED_AT = datetime(2021, 11, 5, 10, 0, tzinfo=UTC)
R, T = TranslationStatus.REVIEWED, TranslationStatus.TRANSLATED

# The source text edition 1.0 had for the "Vulnerabilities" section: the outdated translations
# were made from it.
EARLIER_VULNERABILITIES = (
    "Violence can happen in the country of origin, during transit and after "
    "arrival. Risks grow with irregular routes and crowded reception "
    "facilities.\n\nSource: " + ISTANBUL
)

TEXTS = {
    "fr": {
        "toolbox:title": (
            R,
            "Femmes et filles migrantes : répondre aux violences sexuelles et basées sur le genre",
        ),
        "toolbox:summary": (
            R,
            "Quatre modules pour les professionnelles et professionnels de première ligne sur "
            "les violences sexuelles et basées sur le genre envers les femmes et les filles "
            "migrantes, chacun avec une annexe pour les formatrices et formateurs et une pour "
            "les services de première ligne.",
        ),
        "module1:title": (
            R,
            "Les violences sexuelles et basées sur le genre dans un contexte migratoire",
        ),
        "gender:title": (T, "Genre et intersectionnalité"),
        "vulnerabilities:title": (T, "Vulnérabilités le long du parcours migratoire"),
        "communication:title": (R, "Communication interculturelle"),
        "communication:body": (
            T,
            "Faites appel à une ou un interprète formé et indépendant — jamais le partenaire, "
            "un proche ou un enfant. Demandez à la survivante si elle préfère une interprète "
            "femme. Adressez-vous à la survivante, pas à l'interprète, en phrases courtes, et "
            "vérifiez qu'elle a compris en lui demandant de le redire avec ses propres mots.",
        ),
        "testimony1:quote": (
            R,
            "Je ne savais pas que ce qui m'était arrivé avait un nom, ni que quelqu'un ici "
            "pouvait m'aider sans me renvoyer.",
        ),
        "testimony3:quote": (
            T,
            "Ils m'ont dit que la dette serait remboursée en trois mois. Elle ne l'a jamais été.",
        ),
    },
    "ar": {
        "toolbox:title": (
            R,
            "النساء والفتيات المهاجرات: الاستجابة للعنف الجنسي والعنف القائم على النوع الاجتماعي",
        ),
        "toolbox:summary": (
            R,
            "أربع وحدات للعاملين في الخطوط الأمامية حول العنف الجنسي والعنف القائم على النوع "
            "الاجتماعي ضد النساء والفتيات المهاجرات، ولكل وحدة ملحق للمدرّبين وآخر لخدمات "
            "الخطوط الأمامية.",
        ),
        "module1:title": (T, "العنف الجنسي والعنف القائم على النوع الاجتماعي في سياق الهجرة"),
        "vulnerabilities:title": (R, "مواطن الضعف على طول مسار الهجرة"),
        "communication:title": (R, "التواصل بين الثقافات"),
        "communication:body": (
            R,
            "استعينوا بمترجم فوري مدرَّب ومستقل، ولا تستعينوا أبداً بالشريك أو بأحد الأقارب أو "
            "بطفل. اسألوا الناجية إن كانت تفضّل مترجمة امرأة. تحدّثوا إلى الناجية لا إلى "
            "المترجم، بجمل قصيرة، وتأكدوا من أنها فهمت بأن تطلبوا منها أن تعيد ما قيل "
            "بكلماتها الخاصة.",
        ),
        "testimony1:quote": (
            R,
            "لم أكن أعرف أن لما حدث لي اسماً، ولا أن أحداً هنا يستطيع مساعدتي من دون أن يعيدني.",
        ),
        "testimony2:quote": (
            T,
            "احتفظ بجواز سفري. وعندما سألتني الأخصائية الاجتماعية وأنا وحدي، استطعت أخيراً "
            "أن أقولها.",
        ),
    },
}
OUTDATED = {
    "fr": "La violence peut survenir dans le pays d'origine, pendant le transit et après "
    "l'arrivée. Les risques augmentent avec les routes irrégulières et les structures "
    "d'accueil surpeuplées.\n\nSource : " + ISTANBUL,
    "ar": "يمكن أن يقع العنف في بلد المنشأ وأثناء العبور وبعد الوصول. تزداد المخاطر مع "
    "الطرق غير النظامية ومرافق الاستقبال المكتظة.\n\nالمصدر: " + ISTANBUL,
}


def load_demo(*, programme) -> None:
    toolbox = Toolbox.objects.filter(slug=WOMEN_SLUG, programme=programme).first()
    if toolbox is None:
        return
    manager = User.objects.filter(email=f"manager@{DEMO_DOMAIN}").first()
    viewer = User.objects.filter(email=f"viewer@{DEMO_DOMAIN}").first()
    for language in ("fr", "ar"):
        _upsert(ProgrammeLanguage, {"programme": programme, "language": language}, {})
        if viewer is not None:
            _upsert(
                TranslatorAssignment,
                {"user": viewer, "programme": programme, "language": language},
                {},
            )
    module = toolbox.modules.get(position=1)
    sections = {s.title: s for s in Section.objects.filter(module=module)}
    sources = {
        "toolbox:title": (f"toolbox:{toolbox.pk}:title", toolbox.title),
        "toolbox:summary": (f"toolbox:{toolbox.pk}:summary", toolbox.summary),
        "module1:title": (f"module:{module.pk}:title", module.title),
    }
    # the demo testimonies are illustrative, so they are translatable units
    for testimony in Testimony.objects.filter(
        module__toolbox=toolbox, position=1, is_illustrative=True
    ).select_related("module"):
        key = f"testimony{testimony.module.position}:quote"
        sources[key] = (f"testimony:{testimony.pk}:quote", testimony.quote)
    for key, title in (
        ("gender", "Gender and intersectionality"),
        ("vulnerabilities", "Vulnerabilities along the migration path"),
        ("communication", "Intercultural communication"),
    ):
        section = sections[title]
        sources[f"{key}:title"] = (f"section:{section.pk}:title", section.title)
        sources[f"{key}:body"] = (f"section:{section.pk}:body", section.body)
    for language, texts in TEXTS.items():
        for key, (status, text) in texts.items():
            unit_id, source = sources[key]
            _save(toolbox, unit_id, language, text, status, source, manager)
        unit_id, _source = sources["vulnerabilities:body"]
        _save(toolbox, unit_id, language, OUTDATED[language], T, EARLIER_VULNERABILITIES, viewer)


def _save(toolbox, unit_id, language, text, status, source, by) -> None:
    reviewed = status == TranslationStatus.REVIEWED
    _upsert(
        Translation,
        {"toolbox": toolbox, "unit_id": unit_id, "language": language},
        {
            "text": text,
            "status": status,
            "source_text": source,
            "source_hash": source_hash(source),
            "updated_by": by,
            "reviewed_by": by if reviewed else None,
            "reviewed_at": REVIEWED_AT if reviewed else None,
            "is_demo": True,
        },
    )
