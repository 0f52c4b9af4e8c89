//! Step 4 of the flow (view): handouts, for giving someone on paper exactly the help that
//! fits. The form (a checkbox for each service and each event), the handout of the ones
//! chosen (made per request from the form's query, as a search is), and each audience's
//! ready handout (a page of its own, so the static export has it too). Each item says
//! what its service page says first, through the same parts: the line and its hours, the
//! next dates with their marks, the place, and the page's QR code. Built from the model
//! and the schedule's dates.

use askama::Template;
use qrcode::types::QrError;

use super::layout::{Crumb, Layout};
use super::pages::Ctx;
use super::parts::{EventView, LinkView, PhoneLink, PlaceView, primary_help, titled_layout};
use super::{format, qr, urls};
use crate::model::{Event, Idx, Service, Site};

// The templates' shared macros name these, and their `|inline` and `|plain` are found here.
use super::contact::KnownView;
use super::filters;

/// The most services and events one handout takes: three A4 pages at four a page.
pub const MAX_CHOICES: usize = 12;

/// The form's two fields: a service's id, an event's id.
const SERVICE_KEY: &str = "s";
const EVENT_KEY: &str = "e";

/// One checked box of the form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    Service(Idx),
    Event(Idx),
}

/// Why a query is not a choice the form could have sent; each is said on a 400 page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// Not a query string (a broken `%` escape, bytes that are not UTF-8), or a field the
    /// form does not have.
    Unreadable,
    UnknownId,
    RepeatedId,
    TooMany,
}

/// The choices in a query of the form (`s=dial&s=family&e=ripple`), in the order given.
/// An empty list is no choice at all: the form is shown.
pub fn choices(site: &Site, query: &str) -> Result<Vec<Choice>, Problem> {
    let mut fields = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(key).ok_or(Problem::Unreadable)?;
        let value = decode(value).ok_or(Problem::Unreadable)?;
        if key != SERVICE_KEY && key != EVENT_KEY {
            return Err(Problem::Unreadable);
        }
        fields.push((key, value));
    }
    if fields.len() > MAX_CHOICES {
        return Err(Problem::TooMany);
    }
    let mut chosen = Vec::with_capacity(fields.len());
    for (key, value) in fields {
        let choice = match key.as_str() {
            SERVICE_KEY => site
                .services
                .iter()
                .position(|s| s.id == value)
                .map(Choice::Service),
            _ => site
                .events
                .iter()
                .position(|e| e.id == value)
                .map(Choice::Event),
        }
        .ok_or(Problem::UnknownId)?;
        if chosen.contains(&choice) {
            return Err(Problem::RepeatedId);
        }
        chosen.push(choice);
    }
    Ok(chosen)
}

/// One field's key or value as a form writes it: `+` for a space and `%` with two hex
/// digits for a byte, the bytes UTF-8. `None` for anything else, where a lenient decoder
/// would guess.
fn decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let escapes_whole = bytes.iter().enumerate().all(|(i, &b)| {
        b != b'%'
            || bytes
                .get(i + 1..i + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit))
    });
    if !escapes_whole {
        return None;
    }
    let spaced = text.replace('+', " ");
    percent_encoding::percent_decode_str(&spaced)
        .decode_utf8()
        .ok()
        .map(|s| s.into_owned())
}

/// The query that gives `chosen` again, as the form writes it (ids are slugs, so nothing
/// needs escaping).
fn query(site: &Site, chosen: &[Choice]) -> String {
    chosen
        .iter()
        .map(|c| match *c {
            Choice::Service(i) => format!("{SERVICE_KEY}={}", site.services[i].id),
            Choice::Event(i) => format!("{EVENT_KEY}={}", site.events[i].id),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The sentence that says why `problem` cannot be a handout.
pub fn problem_text(site: &Site, problem: Problem) -> String {
    let l = &site.labels;
    match problem {
        Problem::Unreadable => l.handout_unreadable.clone(),
        Problem::UnknownId => l.handout_unknown_id.clone(),
        Problem::RepeatedId => l.handout_repeated_id.clone(),
        Problem::TooMany => l
            .handout_too_many
            .replace("{max}", &MAX_CHOICES.to_string()),
    }
}

/// A group of checkboxes with its legend.
pub struct GroupView<'a> {
    pub legend: &'a str,
    pub boxes: Vec<CheckboxView<'a>>,
}

/// One checkbox of the form.
pub struct CheckboxView<'a> {
    /// The field's name and value: what the form sends when it is checked.
    pub key: &'static str,
    pub value: &'a str,
    /// The element's id, for its label.
    pub id: String,
    pub label: &'a str,
    /// What it is, in a sentence or two under the label (its `aria-describedby`): a
    /// service's summary, an event's recurrence.
    pub about: String,
}

#[derive(Template)]
#[template(path = "handout_form.html")]
pub struct HandoutFormPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub action: String,
    /// How many may be chosen, said where the form offers more.
    pub max: Option<String>,
    /// The services, then the events; a group with nothing to choose is left out.
    pub groups: Vec<GroupView<'a>>,
    /// Each audience's ready handout.
    pub ready: Vec<LinkView<'a>>,
}

impl<'a> HandoutFormPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let site = cx.site;
        let l = &site.labels;
        let u = urls::of(site);
        let checkbox =
            |key: &'static str, value: &'a str, label: &'a str, about: String| CheckboxView {
                key,
                value,
                id: format!("choose-{key}-{value}"),
                label,
                about,
            };
        let offered = site.services.len() + site.events.len();
        HandoutFormPage {
            layout: titled_layout(cx, urls::HANDOUT, &l.handout, &l.handout_lead),
            title: &l.handout,
            lead: &l.handout_lead,
            action: u.page(urls::HANDOUT),
            max: (offered > MAX_CHOICES)
                .then(|| l.handout_max.replace("{max}", &MAX_CHOICES.to_string())),
            groups: [
                GroupView {
                    legend: &l.handout_services_legend,
                    boxes: site
                        .services
                        .iter()
                        .map(|s| checkbox(SERVICE_KEY, &s.id, &s.name, s.summary.clone()))
                        .collect(),
                },
                GroupView {
                    legend: &l.handout_events_legend,
                    boxes: site
                        .events
                        .iter()
                        .map(|e| {
                            let about = l
                                .handout_event_about
                                .replace("{recurrence}", &format::recurrence(l, &e.rules));
                            checkbox(EVENT_KEY, &e.id, &e.name, about)
                        })
                        .collect(),
                },
            ]
            .into_iter()
            .filter(|g| !g.boxes.is_empty())
            .collect(),
            ready: site
                .audiences
                .iter()
                .map(|a| LinkView {
                    href: u.audience_handout(&a.id),
                    name: &a.title,
                    summary: &a.summary,
                })
                .collect(),
        }
    }
}

/// A phone line as a handout gives it: its name and number, and its hours in words.
pub struct LineView<'a> {
    pub name: &'a str,
    pub phone: PhoneLink<'a>,
    /// Its hours in words (`format::hours_rules`); `None` where they are not known.
    pub hours: Option<String>,
    /// "休み: 祝日・休日、年末年始（…）", or sentences (`format::closed_said`).
    pub closed: Option<String>,
}

/// One chosen service or event on a handout.
pub struct ItemView<'a> {
    /// The id of its heading, unique on the page.
    pub anchor: String,
    pub name: &'a str,
    /// Its service's page.
    pub href: String,
    pub summary: String,
    pub line: LineView<'a>,
    pub events: Vec<EventView<'a>>,
    /// The place and its address on one line, as a calendar entry gives it.
    pub place: Option<String>,
    /// The QR code of its service's page.
    pub qr_src: String,
    pub qr_alt: String,
    pub qr_size: u32,
}

impl<'a> ItemView<'a> {
    fn new(cx: &Ctx<'a>, choice: Choice) -> Self {
        let (site, now) = (cx.site, cx.now);
        let l = &site.labels;
        let (anchor, name, service, summary, events, place): (_, _, _, _, Vec<&Event>, _) =
            match choice {
                Choice::Service(i) => {
                    let s = &site.services[i];
                    (
                        format!("item-{SERVICE_KEY}-{}", s.id),
                        s.name.as_str(),
                        s,
                        s.summary.clone(),
                        site.events_of(i).collect(),
                        s.place,
                    )
                }
                Choice::Event(i) => {
                    let e = &site.events[i];
                    let s = &site.services[e.service];
                    (
                        format!("item-{EVENT_KEY}-{}", e.id),
                        e.name.as_str(),
                        s,
                        // An event named as its service is what the service's summary
                        // describes; another is said to belong to it.
                        match e.name == s.name {
                            true => s.summary.clone(),
                            false => l.handout_event_of.replace("{service}", &s.name),
                        },
                        vec![e],
                        e.place,
                    )
                }
            };
        let print = qr::PrintLink::new(site, service);
        ItemView {
            anchor,
            name,
            href: urls::of(site).service(&service.id),
            summary,
            line: line_view(site, service),
            events: events
                .into_iter()
                .map(|e| EventView::new(site, e, place, now))
                .collect(),
            place: place.map(|p| PlaceView::new(site, &site.places[p]).one_line(l)),
            qr_src: print.qr_src,
            qr_alt: l.handout_item_qr_alt.replace("{name}", &service.name),
            qr_size: print.qr_size,
        }
    }
}

fn line_view<'a>(site: &'a Site, service: &Service) -> LineView<'a> {
    let l = &site.labels;
    let contact = &site.contacts[service.contact];
    let hours = contact.hours.map(|h| &site.hours[h]);
    LineView {
        name: &contact.name,
        phone: PhoneLink::new(&contact.phone),
        hours: hours.map(|h| format::hours_rules(l, h)),
        closed: hours.and_then(|h| format::closed_said(l, h)),
    }
}

/// The services on an audience's ready handout: those for the audience; for an audience
/// that no service names (people who point others to help, such as supporters), every
/// service, as the home page lists them.
pub fn audience_services(site: &Site, audience: Idx) -> Vec<Idx> {
    let own: Vec<Idx> = site.services_for(audience).map(|(i, _)| i).collect();
    match own.is_empty() {
        true => (0..site.services.len()).collect(),
        false => own,
    }
}

/// The title of an audience's ready handout: "相談窓口のご案内（ご家族の方へ）".
pub fn audience_title(site: &Site, audience: Idx) -> String {
    site.labels
        .handout_audience_title
        .replace("{title}", &site.audiences[audience].title)
}

#[derive(Template)]
#[template(path = "handout.html")]
pub struct HandoutPage<'a> {
    pub layout: Layout<'a>,
    pub title: String,
    pub summary: &'a str,
    /// The handout's own public address, written out and as the QR code.
    pub url: String,
    /// The QR code as an SVG element, made here: a handout made per request has no file
    /// of its own for an `<img>` to load.
    pub qr_svg: String,
    /// "{date}現在の情報です。": the day the dates were worked out for.
    pub as_of: String,
    pub items: Vec<ItemView<'a>>,
    pub form_href: String,
}

impl<'a> HandoutPage<'a> {
    /// The handout of the choices sent by the form.
    pub fn chosen(cx: &Ctx<'a>, chosen: &[Choice]) -> Result<Self, QrError> {
        let site = cx.site;
        let l = &site.labels;
        let path = format!("{}?{}", urls::HANDOUT, query(site, chosen));
        let title = l.handout_title.clone();
        let summary = &l.handout_summary;
        Self::new(cx, &path, title, summary, summary, chosen.to_vec())
    }

    /// An audience's ready handout: every service for them.
    pub fn audience(cx: &Ctx<'a>, audience: Idx) -> Result<Self, QrError> {
        let site = cx.site;
        let a = &site.audiences[audience];
        let title = audience_title(site, audience);
        let chosen = audience_services(site, audience)
            .into_iter()
            .map(Choice::Service)
            .collect();
        // Its own description: the audience's summary is already its page's.
        let description = site
            .labels
            .handout_audience_summary
            .replace("{title}", &a.title);
        Self::new(
            cx,
            &urls::audience_handout(&a.id),
            title,
            &a.summary,
            &description,
            chosen,
        )
    }

    /// `path` is the handout's path in the default language, its query included;
    /// `description`, what search engines and shared links show of it.
    fn new(
        cx: &Ctx<'a>,
        path: &str,
        title: String,
        summary: &'a str,
        description: &str,
        chosen: Vec<Choice>,
    ) -> Result<Self, QrError> {
        let site = cx.site;
        let l = &site.labels;
        let u = urls::of(site);
        let url = urls::absolute(site, &u.page(path));
        let trail = vec![
            Crumb {
                href: urls::HANDOUT.to_string(),
                name: l.handout.clone(),
            },
            Crumb {
                href: path.to_string(),
                name: title.clone(),
            },
        ];
        Ok(HandoutPage {
            layout: Layout::new(
                cx,
                path,
                Some(&title),
                description,
                trail,
                primary_help(site, cx.now),
            ),
            qr_svg: qr::svg_in_page(&url)?,
            url,
            summary,
            as_of: l
                .handout_as_of
                .replace("{date}", &format::date(l, cx.now.date())),
            items: chosen.into_iter().map(|c| ItemView::new(cx, c)).collect(),
            form_href: u.page(urls::HANDOUT),
            title,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_field_decodes_only_as_a_form_writes_it() {
        assert_eq!(decode("dial").as_deref(), Some("dial"));
        assert_eq!(decode("a+b%2Bc").as_deref(), Some("a b+c"));
        assert_eq!(decode("%E3%81%82").as_deref(), Some("あ"));
        for broken in ["%", "%4", "%zz", "a%2", "%ff", "%C3"] {
            assert_eq!(decode(broken), None, "{broken}");
        }
    }
}
