//! Step 1 of the flow (content): every message `check` prints, in Japanese, for the
//! ward's or the NPO's staff who keep the content. One arm per variant, so a new message
//! does not compile without its Japanese. Where the sentence alone does not say how to
//! fix the file, a hint (`help`) says it, as Rust's compiler does; keys, values and ids
//! stay as they are written in the file, in backticks, so the editor can search for them.

use super::{Message, ShapeError, Wording};
use crate::model::inline::MarkupError;

impl Message {
    /// The Japanese wording of the message.
    pub(super) fn ja(&self) -> Wording {
        use Message::*;
        let (text, help): (String, Option<String>) = match self {
            MissingDirectory => (
                "コンテンツのフォルダが見つかりません".into(),
                Some("`--content` に、site.toml などの入ったフォルダを指定してください".into()),
            ),
            Unreadable { error } => (
                format!("このファイルを読めません（{error}）"),
                Some(format!(
                    "ファイルがあるか、名前が正しいかを確かめてください。コンテンツのフォルダには次の {} のファイルが必要です: {}",
                    crate::content::FILES.len(),
                    crate::content::FILES.join(", ")
                )),
            ),
            Syntax { message } => (
                format!("TOML の書き方に誤りがあります（{message}）"),
                Some(syntax_help(message).into()),
            ),
            MissingTable { key } => (
                format!("表 `[{key}]` がありません"),
                Some(format!(
                    "ファイルに `[{key}]` の行を書き、その下に設定を書いてください"
                )),
            ),
            NotAList { key } => (
                format!("`{key}` は表のリストです"),
                Some(format!(
                    "`[[{key}]]` のように角かっこを二重にして書いてください"
                )),
            ),
            UnknownKey { key, holds } => (
                format!("`{key}` はこのファイルには書けません（このファイルに書くのは `{holds}` だけです）"),
                Some("つづりの誤りか、別のファイルに書くものではないかを確かめてください".into()),
            ),

            UnknownLanguage { language, listed } => (
                format!("`{language}` という言語は site.toml にありません"),
                Some(format!(
                    "site.toml の `[[site.languages]]` にある言語（{}）を指定するか、言語を site.toml に加えてください",
                    known(&listed.0, "まだありません")
                )),
            ),
            NotTranslatable { key, keys } => (
                format!("`{key}` は翻訳できません。翻訳できるのは、人が読む文章だけです"),
                Some(format!(
                    "id・数・時刻・URL はどの言語でも同じです。翻訳の表から `{key}` を消してください。翻訳できるキー: {keys}"
                )),
            ),
            TranslatedWithoutOriginal { key } => (
                format!("`{key}` の翻訳がありますが、元の項目に `{key}` がありません"),
                Some(format!(
                    "元の項目に `{key}` を書き足すか、翻訳の `{key}` を消してください"
                )),
            ),
            TranslationsNotATable => (
                "`translations` は、言語ごとの表にしてください".into(),
                Some("例: `[service.translations.en]` の下に `name = \"…\"`".into()),
            ),
            TranslationNotATable { language } => (
                format!("`{language}` の翻訳は、翻訳したキーを並べた表にしてください"),
                Some(format!(
                    "例: `[service.translations.{language}]` の下に `name = \"…\"`"
                )),
            ),
            Untranslated { key, language } => (
                format!(
                    "`{key}` に `{language}` の翻訳がありません。`{language}` のページには元の言語の文章が表示されます"
                ),
                Some(format!(
                    "この項目の `[….translations.{language}]` の表に `{key} = \"…\"` を書き足してください"
                )),
            ),

            IdNotSlug { kind, id } => (
                format!(
                    "{}の id `{id}` には、半角の小文字・数字・ハイフン（-）だけを使ってください（URL の一部になります）",
                    noun(kind)
                ),
                slug_hint(id),
            ),
            AnchorNotSlug { kind, id } => (
                format!(
                    "{}の id `{id}` には、半角の小文字・数字・ハイフン（-）だけを使ってください（ページ内リンクの目印になります）",
                    noun(kind)
                ),
                slug_hint(id),
            ),
            DuplicateId { kind, id } => (
                format!("{}の id `{id}` が二度使われています", noun(kind)),
                Some("id は一つずつ違うものにしてください".into()),
            ),
            UnknownReference { kind, id, known: ids } => (
                format!("{} `{id}` が見つかりません", noun(kind)),
                Some(format!(
                    "{}にある id を指定してください: {}",
                    file_of(kind),
                    known(&ids.0, "ひとつもありません")
                )),
            ),

            UnknownTimeZone { name } => (
                format!("`{name}` というタイムゾーンはありません"),
                Some("IANA の名前で書いてください（例: `Asia/Tokyo`）".into()),
            ),
            LanguageIdReserved { id, reserved } => (
                format!("言語の id `{id}` は、サイトのページが使っているので使えません"),
                Some(format!(
                    "次のどれでもない id にしてください: {reserved}"
                )),
            ),
            HreflangTaken { hreflang, suggestion } => (
                format!("hreflang `{hreflang}` は、ほかの言語がすでに使っています"),
                Some(format!(
                    "この言語に別の `hreflang` を付けてください（例: `hreflang = \"{suggestion}\"`）"
                )),
            ),
            LabelPlaceholders { key, first, second, text } => (
                format!(
                    "ラベル `{key}` には {first} と {second} を、この順に書いてください（いまは \"{text}\" です）"
                ),
                None,
            ),
            WeekdayNames { weekdays, short } => (
                format!(
                    "`weekdays` と `weekdays_short` には、月曜日から順に 7 つずつ名前を書いてください（いまは {weekdays} つと {short} つです）"
                ),
                None,
            ),

            Empty => (
                "空のままにはできません".into(),
                Some("文字を書いてください".into()),
            ),
            NotAbsoluteUrl { url } => (
                format!("`{url}` は完全な URL ではありません"),
                Some("https:// から始めて、省略せずに書いてください".into()),
            ),
            BadPhone { phone } => (
                format!("電話番号 `{phone}` の書き方が正しくありません"),
                Some("半角数字をハイフンで区切って書いてください（例: 03-1234-5678）".into()),
            ),
            BadEmail { email } => (
                format!("`{email}` はメールアドレスの形になっていません"),
                Some("`@` の入った半角の形で書いてください".into()),
            ),
            BadCountry { country } => (
                format!("国 `{country}` は、ISO 3166-1 の 2 文字のコードではありません"),
                Some("例: JP（日本）、GB（イギリス）".into()),
            ),
            BadTime { time } => (
                format!("`{time}` は時刻になっていません"),
                Some("半角で HH:MM の形に書いてください（00:00 から 23:59 まで。例: 08:30）".into()),
            ),
            ClosesBeforeOpens { opens, closes } => (
                format!("終了時刻 {closes} が開始時刻 {opens} より後になっていません"),
                None,
            ),
            UnknownWeekday { weekday } => (
                format!("曜日 `{weekday}` は指定できません"),
                Some("次のどれかを指定してください: mon, tue, wed, thu, fri, sat, sun".into()),
            ),
            BadDate { value } => (
                format!("`{value}` は日付になっていません"),
                Some("YYYY-MM-DD の形で、引用符を付けずに書いてください（例: 2026-11-25）".into()),
            ),
            BadMonthDay { value } => (
                format!("`{value}` は月日になっていません"),
                Some("MM-DD の形で書いてください（例: 12-29）".into()),
            ),
            BadMonth { value } => (
                format!("`{value}` は年月になっていません"),
                Some("YYYY-MM の形で書いてください（例: 2027-01）".into()),
            ),
            FutureDate { field, date, today } => (
                format!(
                    "{}が未来の日付 {date} になっています（今日は {today}）",
                    date_field(field)
                ),
                Some(format!(
                    "実際に{}日を書いてください",
                    date_deed(field)
                )),
            ),
            Stale { field, date, age, days } => (
                format!(
                    "{}の {date} は {age} 日前で、stale_after_days の {days} 日を過ぎています。ページには、情報が古いかもしれないと表示されます",
                    date_field(field)
                ),
                Some("情報源ともう一度照らし合わせて `checked_against_sources_on` を、または窓口にもう一度確かめて `confirmed_with_office_on` を、その日の日付に書き換えてください".into()),
            ),
            StaleAfterDays { days } => (
                format!("stale_after_days {days} は、1 から 3650 までにしてください"),
                None,
            ),
            FeedbackRetentionDays { days } => (
                format!("feedback の retention_days {days} は、1 から 3650 までにしてください"),
                Some("書かなければ 365 日になります".into()),
            ),
            UnknownCost { cost } => (
                format!("費用 `{cost}` は指定できません"),
                Some("次のどれかを指定してください: free, paid, unknown".into()),
            ),
            UnknownAnonymity { anonymity } => (
                format!("名前の扱い `{anonymity}` は指定できません"),
                Some("次のどれかを指定してください: anonymous, nickname, name_required, unknown".into()),
            ),

            SourceWithoutUrlOrDocument => (
                "情報源には `url` か `document` が必要です".into(),
                Some("ウェブページなら `url = \"https://…\"`、印刷物などなら `document = \"資料の名前\"` を書いてください".into()),
            ),
            NoSources { owner } => (
                format!("`{owner}` に情報源（`sources`）がありません"),
                Some("sources.toml にある情報源の id を、`sources = [\"…\"]` に一つ以上書いてください".into()),
            ),
            NestedPlace { place } => (
                format!("`{place}` は、それ自体がほかの場所の一部です"),
                Some("`part_of` には、いちばん外側の建物を指定してください".into()),
            ),
            PlaceWithoutAddress { place } => (
                format!("場所 `{place}` に住所（`address`）がありません"),
                Some("`address` を書くか、住所のある場所を `part_of` に指定してください".into()),
            ),
            WalkMinutes { minutes } => (
                format!("walk_minutes {minutes} は、0 から 180 までにしてください"),
                None,
            ),

            NotKnowable { item, allowed } => (
                format!(
                    "`unknown` に `{item}` がありますが、ここで「わからない」にできるのは {} だけです",
                    names(allowed.0)
                ),
                None,
            ),
            GivenAndUnknown { what } => (
                format!("`{what}` が書かれているのに、`unknown` にも入っています"),
                Some(format!(
                    "わかっているなら `unknown` から `{what}` を消し、わからないなら `{what}` の行を消してください"
                )),
            ),
            UnknownKind { kind } => (
                format!("種類 `{kind}` は指定できません"),
                Some("次のどれかを指定してください: service, urgent, emergency".into()),
            ),
            ContactWithoutHours { contact } => (
                format!("連絡先 `{contact}` に受付時間（`hours`）がありません"),
                Some("hours.toml の id を `hours = \"…\"` に書くか、わからないときは `unknown = [\"hours\"]` と書いてください".into()),
            ),
            UrgentWithoutPage { kind } => (
                format!(
                    "種類 `{kind}` の連絡先は「緊急のとき」のページに載りますが、そのページの文章がありません"
                ),
                Some("pages.toml に `[urgent]` の表を書き足してください".into()),
            ),
            NoWeekdays => (
                "`days` には曜日を一つ以上書いてください".into(),
                Some("例: `days = [\"mon\", \"tue\"]`".into()),
            ),
            DaysAndDayOfMonth => (
                "一つの規則に `days` と `day_of_month` の両方は書けません".into(),
                Some("`[[hours.rule]]` を二つに分けてください".into()),
            ),
            NoDays => (
                "規則には `days`（曜日）か `day_of_month`（毎月の日）が必要です".into(),
                None,
            ),
            DayOfMonthRange { day } => (
                format!("day_of_month {day} は、1 から 31 までにしてください"),
                None,
            ),
            MidnightOvernight => (
                "`closes = \"24:00\"` はもともと夜中の 0 時に終わるので、`overnight` は要りません".into(),
                Some("`overnight` の行を消すか、翌日に終わる時刻を `closes` に書いてください".into()),
            ),
            OvernightTooLong { opens, closes } => (
                format!("{opens} から翌日の {closes} までは、24 時間より長くなります"),
                Some("翌日の終了時刻は、開始時刻と同じか、それより前にしてください".into()),
            ),
            HoursClosesBeforeOpens { opens, closes } => (
                format!("終了時刻 {closes} が開始時刻 {opens} より後になっていません"),
                Some("夜中の 0 時をまたいで翌日に終わる時間なら、`overnight = true` を書き足してください".into()),
            ),
            OverlappingHours => (
                "この時間は、同じ曜日の前の規則の時間と重なっています".into(),
                Some("時刻を重ならないように直すか、二つの規則を一つにまとめてください".into()),
            ),
            HoursWithoutRule { hours } => (
                format!("受付時間 `{hours}` に規則（`[[hours.rule]]`）が一つもありません"),
                None,
            ),
            ExceptionShape => (
                "臨時の日（`[[hours.exception]]`）には、`closed = true` か、`opens` と `closes` の両方を書いてください".into(),
                None,
            ),
            ClosureHalfDates => (
                "休みの期間（`closure`）には `from` と `to` の両方を書いてください".into(),
                Some("日付がわからないときは、どちらも書かずに `name` だけにします".into()),
            ),

            NoAudiences { service } => (
                format!("サービス `{service}` に対象（`audiences`）がありません"),
                Some("audiences.toml の id を、`audiences = [\"…\"]` に一つ以上書いてください".into()),
            ),
            EventHalfTimes => (
                "催しには `starts` と `ends` の両方を書いてください".into(),
                Some("時間がわからないときは、どちらも書きません".into()),
            ),
            UnknownHolidayPolicy { policy } => (
                format!("on_holiday `{policy}` は指定できません"),
                Some("次のどれかを指定してください: held, skipped, moved, unconfirmed".into()),
            ),
            EventWithoutRule { event } => (
                format!("催し `{event}` に日程の規則（`[[event.rule]]`）が一つもありません"),
                None,
            ),
            BadNth { nth } => (
                format!("nth {nth} は、1 から 5 までにしてください（その月の第何週か）"),
                None,
            ),
            BadEveryMonths { every } => (
                format!("every_months {every} は、1 から 12 までにしてください"),
                None,
            ),
            NoStartMonth => (
                "何か月かおきの規則には `start_month`（YYYY-MM）が必要です".into(),
                Some("数え始める月を書いてください（例: `start_month = \"2027-01\"`）".into()),
            ),

            Markup(e) => markup(e),
            Shape(e) => shape(e),
        };
        Wording { text, help }
    }
}

fn markup(e: &MarkupError) -> (String, Option<String>) {
    let ruby = "`{漢字|かんじ}` の形で書いてください".to_string();
    match e {
        MarkupError::Unclosed => (
            "ルビ `{…|…}` が `}` で閉じられていません".into(),
            Some(ruby),
        ),
        MarkupError::Empty => (
            "ルビ `{…|…}` には、`|` の前に文字、後に読みが必要です".into(),
            Some(ruby),
        ),
        MarkupError::Nested => ("ルビ `{…|…}` の中に `{` は書けません".into(), Some(ruby)),
        MarkupError::PrivateUse => (
            "文章に私用領域の文字（U+E000–U+F8FF）が入っています。このサイトの仕組みが使う文字なので、書けません".into(),
            Some("外字や特殊な記号を、ふつうの文字に置き換えてください".into()),
        ),
    }
}

fn shape(e: &ShapeError) -> (String, Option<String>) {
    match e {
        ShapeError::UnknownField { field, expected } => (
            format!("`{field}` というキーは、ここには書けません"),
            Some(match expected.is_empty() {
                true => "この表にはキーを書きません".into(),
                false => format!(
                    "つづりを確かめてください。ここに書けるキー: {}",
                    expected.join(", ")
                ),
            }),
        ),
        ShapeError::MissingField { field } => (
            format!("必要なキー `{field}` がありません"),
            Some(format!("`{field} = …` を書き足してください")),
        ),
        ShapeError::WrongType { found, expected } => (
            format!(
                "値の種類が違います: {}が書かれていますが、ここには{}を書きます",
                found_ja(found),
                expected_ja(expected)
            ),
            None,
        ),
        ShapeError::Other(message) => (format!("値の形が正しくありません（{message}）"), None),
    }
}

/// What serde found, in Japanese: `string "three"` is 文字列 "three".
fn found_ja(found: &str) -> String {
    let (kind, value) = found.split_once(' ').unwrap_or((found, ""));
    let value = value.split(" as ").next().unwrap_or("").trim_matches('`');
    let kind = match kind {
        "string" => "文字列",
        "integer" => "整数",
        "floating" => return format!("小数 {} ", value.trim_start_matches("point `")),
        "boolean" => return format!("`{value}` "),
        "sequence" => return "リスト（[ ]）".into(),
        // A date is a table to serde too.
        "map" => return "表（または日付）".into(),
        _ => return format!("`{found}`"),
    };
    match value.is_empty() {
        true => kind.into(),
        false => format!("{kind} {value} "),
    }
}

/// What serde expected, in Japanese, with how to write it.
fn expected_ja(expected: &str) -> String {
    match expected {
        "a string" => "文字列（\"…\" で囲みます）".into(),
        "a boolean" => "true か false".into(),
        "a sequence" => "リスト（[\"…\", \"…\"] の形）".into(),
        "a TOML datetime" => "日付（YYYY-MM-DD の形で、引用符なし）".into(),
        t if t.starts_with('i') || t.starts_with('u') => "整数（引用符なし）".into(),
        t if t.starts_with("struct ") || t == "a map" => "表".into(),
        other => format!("`{other}`"),
    }
}

/// A hint for the common ways text fails to be TOML, chosen by what the parser says.
fn syntax_help(message: &str) -> &'static str {
    let what = message.split(", expected").next().unwrap_or(message);
    match what {
        "invalid basic string" | "invalid multi-line basic string" => {
            "文字列が \" で閉じられていません。行の終わりまでに \" を書いてください（何行にもわたる文章は \"\"\" で囲みます）"
        }
        "duplicate key" => "同じキーが、同じ表の中に二度書かれています。どちらかを消してください",
        "string values must be quoted" => "文字列は \" で囲んでください（例: `name = \"目黒区\"`）",
        "missing assignment between key-value pairs"
        | "key with no value"
        | "missing value for key" => {
            "キーと値は `key = \"値\"` の形で、一行に一つずつ書いてください"
        }
        "invalid unquoted key" => {
            "キーに使えるのは半角の英数字と _ と - だけです。全角の文字や空白が混じっていないかを確かめてください"
        }
        "unclosed table" | "unclosed array table" => "`[…]` や `[[…]]` が閉じられていません",
        "unclosed array" | "missing comma between array elements" => {
            "リストは `[\"a\", \"b\"]` のように、[ ] の中にカンマで区切って書いてください"
        }
        _ => {
            "引用符 \" の閉じ忘れ、= の抜け、[ ] の対応、全角の記号（＝ や “ ” など）が混じっていないかを確かめてください"
        }
    }
}

/// The Japanese name of a kind of item, as `check` names ids.
fn noun(kind: &str) -> &'static str {
    match kind {
        "organization" => "団体",
        "place" => "場所",
        "contact" => "連絡先",
        "hours" => "受付時間",
        "audience" => "対象",
        "channel" => "相談の方法",
        "service" => "サービス",
        "event" => "催し",
        "source" => "情報源",
        "language" => "言語",
        "question" => "質問",
        "section" => "節",
        _ => "項目",
    }
}

/// Where the items of a kind are written.
fn file_of(kind: &str) -> String {
    match kind {
        "hours" => "hours.toml ".into(),
        "language" => "site.toml の `[[site.languages]]` ".into(),
        "question" | "section" => "pages.toml ".into(),
        kind => match crate::content::FILES
            .iter()
            .find(|f| f.strip_suffix("s.toml") == Some(kind))
        {
            Some(file) => format!("{file} "),
            None => String::new(),
        },
    }
}

/// The Japanese name of a date field.
fn date_field(field: &str) -> String {
    let name = match field {
        "checked_against_sources_on" => "情報源と照合した日",
        "confirmed_with_office_on" => "窓口に確認した日",
        "read_on" => "情報源を読んだ日",
        "tested_on" => "アクセシビリティを確かめた日",
        _ => return format!("`{field}`"),
    };
    format!("{name}（`{field}`）")
}

/// What was done on the day a date field records.
fn date_deed(field: &str) -> &'static str {
    match field {
        "checked_against_sources_on" => "情報源と照合した",
        "confirmed_with_office_on" => "窓口に確認した",
        "read_on" => "情報源を読んだ",
        "tested_on" => "確かめた",
        _ => "そのことをした",
    }
}

/// `fax`、`email`、`hours`.
fn names(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join("、")
}

/// A list of ids, or what to say when there is none.
fn known(ids: &[String], none: &str) -> String {
    match ids.is_empty() {
        true => none.into(),
        false => ids.join(", "),
    }
}

/// An id that would do, made from one that will not: `Family group` → `family-group`.
fn slug_hint(id: &str) -> Option<String> {
    let mut slug = String::new();
    for c in id.trim().chars() {
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            'A'..='Z' => slug.push(c.to_ascii_lowercase()),
            ' ' | '_' | '-' | '.' if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
            _ => {}
        }
    }
    let slug = slug.trim_end_matches('-');
    match slug.is_empty() {
        true => Some("例: `family-group`（英語の短い名前をハイフンでつなぎます）".into()),
        false => Some(format!("例: `{slug}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_for_an_id_is_a_slug() {
        assert_eq!(slug_hint("Family group").unwrap(), "例: `family-group`");
        assert_eq!(slug_hint("Cost").unwrap(), "例: `cost`");
    }

    #[test]
    fn kinds_name_their_files() {
        assert_eq!(file_of("service"), "services.toml ");
        assert_eq!(file_of("contact"), "contacts.toml ");
        assert_eq!(file_of("hours"), "hours.toml ");
    }

    #[test]
    fn serde_types_read_in_japanese() {
        assert_eq!(found_ja("string \"three\""), "文字列 \"three\" ");
        assert_eq!(found_ja("integer `2`"), "整数 2 ");
        assert_eq!(found_ja("map"), "表（または日付）");
        assert_eq!(expected_ja("i64"), "整数（引用符なし）");
    }
}
