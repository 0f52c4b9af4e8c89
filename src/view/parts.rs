//! Step 4 of the flow (view), its shared parts: what several page kinds (and the calendars
//! and open data) show the same way: links, places, events and their next dates, sources,
//! checks and breadcrumbs. Built from the model and `schedule`.

use jiff::ZonedDateTime;
use jiff::civil::Date;

use super::contact::ContactView;
use super::layout::{Crumb, Layout};
use super::pages::Ctx;
use super::{dates, format, urls};
use crate::model::{Checks, Event, Idx, Labels, Place, Service, Site, inline};

/// A link with its text and an optional line under it.
pub struct LinkView<'a> {
    pub href: String,
    pub name: &'a str,
    pub summary: &'a str,
}

/// A place as every output says it: the page's place block, the calendar's location
/// and the open data's written address all come from here.
pub struct PlaceView<'a> {
    /// The anchor of its heading.
    pub id: &'a str,
    pub name: &'a str,
    /// Building, floor and counter inside the place ("本館 2階 福祉総合課").
    pub inside: Option<String>,
    /// The name with what is inside: "目黒区総合庁舎 本館 2階 福祉総合課".
    pub label: String,
    /// The address as written with its postal code, in the language's order: "〒153-8573
    /// 東京都目黒区…", "2-19-15 Kamimeguro, Meguro-ku, Tokyo 153-8573".
    pub address_line: String,
    /// "中目黒駅から徒歩約5分"
    pub way: Option<String>,
    pub map_url: Option<&'a str>,
    /// The text of the map link, naming the place.
    pub map_link: String,
    pub phone: Option<PhoneLink<'a>>,
}

/// A phone number as shown, and its `tel:` link.
pub struct PhoneLink<'a> {
    pub display: &'a str,
    pub tel: String,
}

impl<'a> PhoneLink<'a> {
    pub fn new(phone: &'a crate::model::Phone) -> Self {
        PhoneLink {
            display: &phone.display,
            tel: urls::tel(&phone.digits),
        }
    }
}

impl<'a> PlaceView<'a> {
    pub fn new(site: &'a Site, place: &'a Place) -> Self {
        let l = &site.labels;
        let outer = place.part_of.map(|i| &site.places[i]);
        let name = outer.map_or(place.name.as_str(), |o| o.name.as_str());
        let inside: Vec<&str> = [&place.building, &place.floor, &place.counter]
            .into_iter()
            .filter_map(|s| s.as_deref())
            .collect();
        let way = match (&place.station, place.walk_minutes) {
            (Some(station), Some(min)) => Some(l.walk.replace("{station}", station).replace(
                "{minutes}",
                &l.walk_minutes_format.replace("{n}", &min.to_string()),
            )),
            (Some(station), None) => Some(format!("{}: {station}", l.nearest_station)),
            _ => None,
        };
        let inside =
            (!inside.is_empty()).then(|| inside.join(l.detail_separator.as_deref().unwrap_or(" ")));
        let postal_code = place.postal_code.as_ref().map(|p| {
            l.address_with_postal_code
                .replace("{code}", p)
                .replace("{address}", &place.address)
        });
        PlaceView {
            id: &place.id,
            name,
            label: match &inside {
                Some(inside) => format!("{name} {inside}"),
                None => name.to_string(),
            },
            address_line: postal_code.unwrap_or_else(|| place.address.clone()),
            inside,
            way,
            map_url: place.map_url.as_deref(),
            map_link: l.map_link.replace("{place}", name),
            phone: place.phone.as_ref().map(PhoneLink::new),
        }
    }

    /// The place and its address on one line, for a calendar entry's location.
    pub fn one_line(&self, l: &Labels) -> String {
        format!("{}{}{}", self.label, l.list_separator, self.address_line)
    }
}

/// Where an event is held, as its page needs to say it.
pub enum EventPlace<'a> {
    /// The same place the page already shows.
    Here,
    At(Box<PlaceView<'a>>),
    Unknown,
}

/// One coming date of an event: "12月22日(火) 13時30分〜16時30分".
pub struct OccurrenceView<'a> {
    pub iso: String,
    pub text: String,
    /// Right after a date that is not confirmed: "（未確認）".
    pub mark: Option<String>,
    /// Said beside a date that falls on a holiday, by the event's policy.
    pub note: Option<&'a str>,
}

/// An event's schedule: the rule in words and the next dates.
pub struct EventView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// "日程" on the event's own service page, "日程: 家族会…" where the names differ.
    pub heading: String,
    pub recurrence: String,
    pub times: Option<String>,
    pub place: EventPlace<'a>,
    pub confirmed: bool,
    pub on_holiday: &'a str,
    pub note: Option<&'a str>,
    pub service_href: String,
    pub next: Vec<OccurrenceView<'a>>,
    /// The event's own `.ics`, and the same as a `webcal:` subscription.
    pub calendar_href: String,
    pub subscribe_href: String,
}

impl<'a> EventView<'a> {
    /// `shown_place` is the place the page already shows, so it is not repeated.
    pub(super) fn new(
        site: &'a Site,
        e: &'a Event,
        shown_place: Option<Idx>,
        now: &ZonedDateTime,
    ) -> Self {
        let l = &site.labels;
        let service = &site.services[e.service];
        let next = dates::next(e, now)
            .into_iter()
            .map(|o| OccurrenceView {
                iso: match &o.starts_at {
                    Some(t) => format::rfc3339(t),
                    None => format::iso_date(o.date),
                },
                text: dates::when(l, e, &o, now.year()),
                mark: dates::unconfirmed_mark(l, &o),
                note: dates::holiday_note(l, e, &o),
            })
            .collect();
        let calendar_href = urls::event_calendar(&e.id);
        EventView {
            id: &e.id,
            name: &e.name,
            heading: if e.name == service.name {
                l.schedule.clone()
            } else {
                format!("{}: {}", l.schedule, e.name)
            },
            recurrence: format::recurrence(l, &e.rules),
            times: dates::times(l, e),
            place: match e.place {
                Some(p) if Some(p) == shown_place => EventPlace::Here,
                Some(p) => EventPlace::At(Box::new(PlaceView::new(site, &site.places[p]))),
                None => EventPlace::Unknown,
            },
            confirmed: e.confirmed,
            on_holiday: dates::policy(l, e.on_holiday),
            note: e.note.as_deref(),
            service_href: urls::of(site).service(&service.id),
            next,
            subscribe_href: urls::webcal(&site.base_url, &calendar_href),
            calendar_href,
        }
    }
}

pub struct SourceView<'a> {
    pub title: &'a str,
    pub url: Option<&'a str>,
    /// The document's name in brackets, where the source has one.
    pub document: Option<String>,
    /// The day the editors read it, in brackets: "（2026年11月30日に閲覧）".
    pub read_on: Option<ReadOnView>,
}

/// "{date}に閲覧" in the content's brackets, the date marked up.
pub struct ReadOnView {
    pub before: String,
    pub date: DateView,
    pub after: String,
}

impl ReadOnView {
    pub(super) fn new(l: &Labels, d: Date) -> Self {
        let sentence = format::aside(l, "", &l.source_read_on);
        let (before, after) = format::around(&sentence, "{date}");
        ReadOnView {
            before: before.to_string(),
            after: after.to_string(),
            date: DateView::new(l, d),
        }
    }
}

/// "2026年11月25日" with its ISO form for `<time datetime>`.
pub struct DateView {
    pub text: String,
    pub iso: String,
}

impl DateView {
    pub(super) fn new(l: &Labels, d: Date) -> Self {
        DateView {
            text: format::date(l, d),
            iso: format::iso_date(d),
        }
    }
}

/// The two checks of a service or an event: compared with the sources, and (where it
/// has been) confirmed with the office. `subject` names an event whose checks differ
/// from its service's.
pub struct ChecksView<'a> {
    pub subject: Option<&'a str>,
    pub against_sources: DateView,
    pub with_office: Option<DateView>,
}

impl<'a> ChecksView<'a> {
    pub(super) fn new(l: &Labels, subject: Option<&'a str>, checks: &Checks) -> Self {
        ChecksView {
            subject,
            against_sources: DateView::new(l, checks.against_sources),
            with_office: checks.with_office.map(|d| DateView::new(l, d)),
        }
    }
}

pub(super) fn source_views<'a>(site: &'a Site, sources: &[Idx]) -> Vec<SourceView<'a>> {
    sources
        .iter()
        .map(|&i| &site.sources[i])
        .map(|src| SourceView {
            title: &src.title,
            url: src.url.as_deref(),
            document: src
                .document
                .as_ref()
                .map(|d| format::aside(&site.labels, "", d)),
            read_on: src.read_on.map(|d| ReadOnView::new(&site.labels, d)),
        })
        .collect()
}

pub(crate) fn service_link<'a>(site: &Site, s: &'a Service) -> LinkView<'a> {
    LinkView {
        href: urls::of(site).service(&s.id),
        name: &s.name,
        summary: &s.summary,
    }
}

pub(crate) fn primary_help<'a>(site: &'a Site, now: &ZonedDateTime) -> ContactView<'a> {
    ContactView::new(site, &site.contacts[site.primary_contact], None, now)
}

/// "このページを送る": the page's address to copy, and plain links that start a message
/// with it: an e-mail whose subject is the page's title and whose body is its summary and
/// address, and a LINE message. Nothing is asked of another site until one is followed.
pub struct SendView<'a> {
    pub heading: &'a str,
    /// Before the address, e.g. `このページのURL`.
    pub url_label: &'a str,
    pub url: String,
    pub mailto: String,
    pub email: &'a str,
    pub line: String,
    pub line_label: &'a str,
}

impl<'a> SendView<'a> {
    /// `title` is the page's `<title>`, `summary` its description (both may hold ruby,
    /// which a message does not show), `url` its absolute address.
    pub fn new(site: &'a Site, title: &str, summary: &str, url: String) -> Self {
        let l = &site.labels;
        let body = format!("{}\n\n{url}", inline::plain(summary));
        SendView {
            heading: &l.send_heading,
            url_label: &l.page_url,
            mailto: urls::mailto(&inline::plain(title), &body),
            email: &l.send_email,
            line: urls::line_share(&url),
            line_label: &l.send_line,
            url,
        }
    }
}

/// The layout of a page one step below home: its title and summary (its description), a
/// breadcrumb to itself, and the site's primary help line.
pub(super) fn titled_layout<'a>(
    cx: &Ctx<'a>,
    path: &str,
    title: &str,
    summary: &'a str,
) -> Layout<'a> {
    Layout::new(
        cx,
        path,
        Some(title),
        summary,
        crumb(path, title),
        primary_help(cx.site, cx.now),
    )
}

pub(super) fn crumb(href: &str, name: &str) -> Vec<Crumb> {
    vec![Crumb {
        href: href.to_string(),
        name: name.to_string(),
    }]
}
