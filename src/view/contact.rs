//! The contact block: the same block, in the same place, on every page (WCAG 3.2.6
//! consistent help). A phone number as a `tel:` link with the number as its text, whether
//! the line is open this minute and until when (or when it next opens), the hours as a
//! table, fax and e-mail where known (and "not known" where they are unknown), and what a
//! call costs.

use jiff::ZonedDateTime;

use crate::model::{Contact, Known, Labels, Site};
use crate::schedule::hours::{self, Closed, Status};

use super::format;
use super::urls;

pub struct ContactView<'a> {
    pub heading: &'a str,
    /// Why this contact is shown when it is not the service's own line.
    pub note: Option<&'a str>,
    pub name: &'a str,
    pub phone: &'a str,
    pub tel: String,
    pub status: Option<StatusView<'a>>,
    pub hours: Option<HoursView>,
    pub fax: Option<KnownView>,
    pub email: Option<KnownView>,
    pub call_cost: &'a str,
    pub contact_note: Option<&'a str>,
}

/// "受付中 — 17時まで" or "受付時間外（祝日の名前） — 次は11月24日(火) 8時30分から". The
/// words carry the state; the colour only repeats it.
pub struct StatusView<'a> {
    pub open: bool,
    pub state: &'a str,
    pub reason: Option<String>,
    pub separator: &'a str,
    /// The sentence around the time: `before` + `<time>` + `after`.
    pub before: &'a str,
    pub when: Option<WhenView>,
    pub after: &'a str,
    /// Said instead of a time when there is none.
    pub fallback: Option<&'a str>,
}

pub struct WhenView {
    pub text: String,
    pub iso: String,
}

pub enum KnownView {
    Text(String),
    /// e-mail shown as a `mailto:` link.
    Link {
        href: String,
        text: String,
    },
    Unknown,
}

pub struct HoursView {
    pub caption: String,
    pub rows: Vec<HoursRow>,
    /// Days the rules do not cover: national holidays, yearly closures.
    pub closed: Vec<String>,
}

pub struct HoursRow {
    pub days: String,
    pub opens: String,
    pub closes: String,
    pub opens_iso: String,
    pub closes_iso: String,
}

impl<'a> ContactView<'a> {
    pub fn new(
        site: &'a Site,
        contact: &'a Contact,
        note: Option<&'a str>,
        now: &ZonedDateTime,
    ) -> Self {
        let l = &site.labels;
        let fax = match &contact.fax {
            Known::Yes(p) => Some(KnownView::Text(p.display.clone())),
            Known::Unknown => Some(KnownView::Unknown),
            Known::NotApplicable => None,
        };
        let email = match &contact.email {
            Known::Yes(e) => Some(KnownView::Link {
                href: format!("mailto:{e}"),
                text: e.clone(),
            }),
            Known::Unknown => Some(KnownView::Unknown),
            Known::NotApplicable => None,
        };
        ContactView {
            heading: &l.contact_heading,
            note,
            name: &contact.name,
            phone: &contact.phone.display,
            tel: urls::tel(&contact.phone.digits),
            status: contact
                .hours
                .map(|h| status_view(l, &hours::status(&site.hours[h], now), now)),
            hours: contact.hours.map(|h| hours_view(site, l, h)),
            fax,
            email,
            call_cost: &contact.call_cost,
            contact_note: contact.note.as_deref(),
        }
    }
}

fn status_view<'a>(l: &'a Labels, status: &Status, now: &ZonedDateTime) -> StatusView<'a> {
    match status {
        Status::Open { closes_at } => {
            let (before, after) = format::around(&l.open_until, "{time}");
            StatusView {
                open: true,
                state: &l.open_now,
                reason: None,
                separator: &l.status_separator,
                before,
                when: Some(WhenView {
                    text: format::time(l, closes_at.time()),
                    iso: format::rfc3339(closes_at),
                }),
                after,
                fallback: None,
            }
        }
        Status::Closed { reason, next_open } => {
            let (before, after) = format::around(&l.next_open, "{when}");
            let when = next_open.as_ref().map(|t| WhenView {
                // The date is left out when it opens later today.
                text: if t.date() == now.date() {
                    format::time(l, t.time())
                } else {
                    format!(
                        "{} {}",
                        format::date_weekday(l, t.date(), now.year()),
                        format::time(l, t.time())
                    )
                },
                iso: format::rfc3339(t),
            });
            StatusView {
                open: false,
                state: &l.closed_now,
                reason: reason.as_ref().map(|r| match r {
                    Closed::Holiday(name) => format::aside(l, "", name),
                    Closed::Closure(name) => format::aside(l, "", name),
                    Closed::Exception(Some(note)) => format::aside(l, "", note),
                    Closed::Exception(None) => String::new(),
                }),
                separator: &l.status_separator,
                fallback: when.is_none().then_some(l.no_next_open.as_str()),
                before: if when.is_some() { before } else { "" },
                after: if when.is_some() { after } else { "" },
                when,
            }
        }
    }
}

fn hours_view(site: &Site, l: &Labels, idx: usize) -> HoursView {
    let hours = &site.hours[idx];
    let rows = hours
        .rules
        .iter()
        .map(|r| HoursRow {
            days: format::weekdays(l, &r.days),
            opens: format::time(l, r.opens),
            closes: format::time(l, r.closes),
            opens_iso: format::iso_time(r.opens),
            closes_iso: format::iso_time(r.closes),
        })
        .collect();
    HoursView {
        caption: format::aside(l, &l.hours, &hours.name),
        rows,
        closed: format::closed_days(l, hours),
    }
}
