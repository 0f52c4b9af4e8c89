//! Step 3 of the flow (view): one struct per page kind, built from the model, each
//! rendered by its askama template in `templates/`. Templates only loop and branch;
//! every word and format comes from here (and so from the content).

pub mod calendar;
pub mod contact;
pub mod dates;
pub mod filters;
pub mod format;
pub mod hsds;
pub mod jsonld;
pub mod layout;
pub mod qr;
pub mod search;
pub mod sitemap;
pub mod status;
pub mod unknowns;
mod untranslated;
pub mod urls;

use askama::Template;
use jiff::ZonedDateTime;
use jiff::civil::Date;

use crate::model::{
    Anonymity, Block, Blocks, Checks, Event, Idx, Known, Labels, Place, Service, Site,
};
use crate::schedule;
use contact::{ContactView, KnownView};
use layout::{Crumb, Layout};
pub use untranslated::Untranslated;

/// What every page view is built from: the site, the instant it shows, the URL of the
/// stylesheet (which carries a hash of its content, so it can be cached for good), and
/// what the templates' filters need to know (the language of untranslated text).
pub struct Ctx<'a> {
    pub site: &'a Site,
    pub now: &'a ZonedDateTime,
    pub stylesheet: &'a str,
    pub values: filters::PageValues<'a>,
}

impl Ctx<'_> {
    /// Renders a page, once: whether it shows any text untranslated is read from its view
    /// first, so the notice that says so is in place.
    pub fn render<'p>(&self, mut page: impl PageView<'p>) -> Result<String, askama::Error> {
        if page.untranslated() {
            let layout = page.layout_mut();
            layout.fallback_notice = Some(&layout.l.fallback_notice);
        }
        page.render_with_values(&self.values)
    }
}

/// A page's view: its template, and the layout every page shares.
pub trait PageView<'a>: Template + Untranslated {
    fn layout_mut(&mut self) -> &mut Layout<'a>;
}

/// A page the site serves, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Page {
    Home,
    Service(Idx),
    Audience(Idx),
    Access,
    Faq,
    About,
    Accessibility,
    /// The search form; without a query it lists every service.
    Search,
    /// Every urgent line, its hours and whether it is open now.
    Urgent,
}

/// Every page with its path, in reading order: home, audiences, services, then the rest.
/// The sitemap, the server, the export and the accessibility statement all use this list.
/// Paths are those of `site`'s language.
pub fn page_list(site: &Site) -> Vec<(String, Page)> {
    let u = urls::of(site);
    let mut list = vec![(u.home(), Page::Home)];
    list.extend(
        site.audiences
            .iter()
            .enumerate()
            .map(|(i, a)| (u.audience(&a.id), Page::Audience(i))),
    );
    list.extend(
        site.services
            .iter()
            .enumerate()
            .map(|(i, s)| (u.service(&s.id), Page::Service(i))),
    );
    for (path, page) in [
        (urls::ACCESS, Page::Access),
        (urls::FAQ, Page::Faq),
        (urls::ABOUT, Page::About),
        (urls::ACCESSIBILITY, Page::Accessibility),
        (urls::SEARCH, Page::Search),
    ] {
        list.push((u.page(path), page));
    }
    if site.pages.urgent.is_some() {
        list.push((u.page(urls::URGENT), Page::Urgent));
    }
    list
}

/// A page's path in the default language; `urls::Urls::page` gives it in another.
pub fn page_path(site: &Site, page: Page) -> String {
    match page {
        Page::Home => urls::HOME.to_string(),
        Page::Service(i) => urls::service(&site.services[i].id),
        Page::Audience(i) => urls::audience(&site.audiences[i].id),
        Page::Access => urls::ACCESS.to_string(),
        Page::Faq => urls::FAQ.to_string(),
        Page::About => urls::ABOUT.to_string(),
        Page::Accessibility => urls::ACCESSIBILITY.to_string(),
        Page::Search => urls::SEARCH.to_string(),
        Page::Urgent => urls::URGENT.to_string(),
    }
}

/// The `<h1>` of a page.
pub fn page_title(site: &Site, page: Page) -> &str {
    match page {
        Page::Home => &site.pages.home.title,
        Page::Service(i) => &site.services[i].name,
        Page::Audience(i) => &site.audiences[i].title,
        Page::Access => &site.pages.access.title,
        Page::Faq => &site.pages.faq.title,
        Page::About => &site.pages.about.title,
        Page::Accessibility => &site.pages.accessibility.title,
        Page::Search => &site.labels.search,
        Page::Urgent => site.pages.urgent.as_ref().map_or("", |p| p.title.as_str()),
    }
}

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
    /// The address as written, after its postal code: "〒153-8573 東京都目黒区…".
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
        let postal_code = place
            .postal_code
            .as_ref()
            .map(|p| l.postal_code_format.replace("{code}", p));
        PlaceView {
            id: &place.id,
            name,
            label: match &inside {
                Some(inside) => format!("{name} {inside}"),
                None => name.to_string(),
            },
            address_line: match &postal_code {
                Some(code) => format!("{code} {}", place.address),
                None => place.address.clone(),
            },
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
    fn new(site: &'a Site, e: &'a Event, shown_place: Option<Idx>, now: &ZonedDateTime) -> Self {
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
    fn new(l: &Labels, d: Date) -> Self {
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
    fn new(l: &Labels, d: Date) -> Self {
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
    fn new(l: &Labels, subject: Option<&'a str>, checks: &Checks) -> Self {
        ChecksView {
            subject,
            against_sources: DateView::new(l, checks.against_sources),
            with_office: checks.with_office.map(|d| DateView::new(l, d)),
        }
    }
}

fn source_views<'a>(site: &'a Site, sources: &[Idx]) -> Vec<SourceView<'a>> {
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

/// The event the home page shows, with its heading and the link to its service.
pub struct Featured<'a> {
    /// "家族会の日程"
    pub heading: String,
    pub event: EventView<'a>,
    /// "家族会について詳しく"
    pub read_more: String,
}

#[derive(Template)]
#[template(path = "home.html")]
pub struct HomePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub points: &'a [String],
    pub audiences: Vec<LinkView<'a>>,
    pub channels: Vec<LinkView<'a>>,
    pub featured: Option<Featured<'a>>,
    pub services: Vec<LinkView<'a>>,
}

impl<'a> HomePage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let (site, now) = (cx.site, cx.now);
        let home = &site.pages.home;
        HomePage {
            layout: Layout::new(cx, urls::HOME, None, Vec::new(), primary_help(site, now)),
            title: &home.title,
            lead: &home.lead,
            points: &home.points,
            audiences: site
                .audiences
                .iter()
                .map(|a| LinkView {
                    href: urls::of(site).audience(&a.id),
                    name: &a.title,
                    summary: &a.summary,
                })
                .collect(),
            channels: site
                .channels
                .iter()
                .map(|c| LinkView {
                    href: urls::of(site).service(&site.services[c.service].id),
                    name: &c.name,
                    summary: &c.summary,
                })
                .collect(),
            featured: site.featured_event.map(|e| {
                let e = &site.events[e];
                Featured {
                    heading: site.labels.next_event.replace("{event}", &e.name),
                    event: EventView::new(site, e, None, now),
                    read_more: site.labels.read_more.replace("{name}", &e.name),
                }
            }),
            services: site
                .services
                .iter()
                .map(|s| service_link(site, s))
                .collect(),
        }
    }
}

/// One labelled fact on a service page ("費用: 無料です").
pub struct Fact<'a> {
    pub label: &'a str,
    pub values: Vec<FactValue<'a>>,
    /// The fact is not known yet: said on screen, left off the paper.
    pub unknown: bool,
}

pub enum FactValue<'a> {
    Text(String),
    Link { href: String, text: &'a str },
}

#[derive(Template)]
#[template(path = "service.html")]
pub struct ServicePage<'a> {
    pub layout: Layout<'a>,
    pub name: &'a str,
    pub also_known_as: Option<&'a str>,
    pub summary: &'a str,
    pub body: &'a Blocks,
    pub events: Vec<EventView<'a>>,
    pub facts: Vec<Fact<'a>>,
    pub place: Option<PlaceView<'a>>,
    pub related: Vec<LinkView<'a>>,
    pub sources: Vec<SourceView<'a>>,
    /// The service's checks, then those of its events where they differ.
    pub checks: Vec<ChecksView<'a>>,
    /// What the page shows that is not known, from the data.
    pub not_known: Option<unknowns::NotKnownView<'a>>,
    /// schema.org data blocks for the `<head>`.
    pub jsonld: Vec<jsonld::JsonLd>,
    /// The page's address and its QR code, for print.
    pub print: qr::PrintLink<'a>,
}

impl<'a> ServicePage<'a> {
    pub fn new(cx: &Ctx<'a>, idx: Idx) -> Self {
        let (site, now) = (cx.site, cx.now);
        let s = &site.services[idx];
        let l = &site.labels;
        let path = urls::service(&s.id);
        let help = ContactView::new(
            site,
            &site.contacts[s.contact],
            s.contact_note.as_deref(),
            now,
        );
        let with_note = |text: &str, note: &Option<String>| match note {
            Some(n) => format::sentences(text, n),
            None => text.to_string(),
        };
        let anonymity = match s.anonymity {
            Anonymity::Anonymous => &l.anonymity_anonymous,
            Anonymity::Nickname => &l.anonymity_nickname,
            Anonymity::NameRequired => &l.anonymity_name_required,
            Anonymity::Unknown => &l.anonymity_unknown,
        };
        let mut facts = vec![
            Fact {
                label: &l.audiences,
                unknown: false,
                values: s
                    .audiences
                    .iter()
                    .map(|&a| FactValue::Link {
                        href: urls::of(site).audience(&site.audiences[a].id),
                        text: &site.audiences[a].name,
                    })
                    .collect(),
            },
            Fact {
                label: &l.channels,
                unknown: false,
                values: s
                    .channels
                    .iter()
                    .map(|&c| FactValue::Text(site.channels[c].name.clone()))
                    .collect(),
            },
            Fact {
                label: &l.cost,
                unknown: false,
                values: vec![FactValue::Text(format::cost(
                    l,
                    s.cost,
                    s.cost_note.as_deref(),
                ))],
            },
            Fact {
                label: &l.name_heading,
                unknown: false,
                values: vec![FactValue::Text(with_note(anonymity, &s.anonymity_note))],
            },
        ];
        // Who provides it, where a source names them; a page of several desks names none.
        match s.organization {
            Known::Yes(o) => facts.push(Fact {
                label: &l.provider,
                unknown: false,
                values: vec![FactValue::Text(site.organizations[o].name.clone())],
            }),
            Known::Unknown => facts.push(Fact {
                label: &l.provider,
                unknown: true,
                values: vec![FactValue::Text(l.unknown_value.clone())],
            }),
            Known::NotApplicable => {}
        }
        let mut layout = Layout::new(
            cx,
            &path,
            Some(&s.name),
            vec![Crumb {
                href: path.clone(),
                name: s.name.clone(),
            }],
            help,
        );
        if schedule::is_stale(site, idx, now) {
            layout.stale_notice = Some(
                l.stale_notice
                    .replace("{date}", &format::date(l, site.page_checked(idx))),
            );
        }
        let checks = std::iter::once(ChecksView::new(l, None, &s.checks))
            .chain(
                site.events_of(idx)
                    .filter(|e| e.checks != s.checks)
                    .map(|e| ChecksView::new(l, Some(&e.name), &e.checks)),
            )
            .collect();
        ServicePage {
            layout,
            name: &s.name,
            also_known_as: s.also_known_as.as_deref(),
            summary: &s.summary,
            body: &s.body,
            events: site
                .events_of(idx)
                .map(|e| EventView::new(site, e, s.place, now))
                .collect(),
            facts,
            place: s.place.map(|p| PlaceView::new(site, &site.places[p])),
            related: s
                .related
                .iter()
                .map(|&r| service_link(site, &site.services[r]))
                .collect(),
            sources: source_views(site, &s.sources),
            checks,
            not_known: unknowns::NotKnownView::of_service(site, idx),
            jsonld: jsonld::service(site, idx, now),
            print: qr::PrintLink::new(site, s),
        }
    }
}

#[derive(Template)]
#[template(path = "audience.html")]
pub struct AudiencePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub summary: &'a str,
    pub body: &'a Blocks,
    pub services: Vec<LinkView<'a>>,
}

impl<'a> AudiencePage<'a> {
    pub fn new(cx: &Ctx<'a>, idx: Idx) -> Self {
        let (site, now) = (cx.site, cx.now);
        let a = &site.audiences[idx];
        let path = urls::audience(&a.id);
        AudiencePage {
            layout: Layout::new(
                cx,
                &path,
                Some(&a.title),
                vec![Crumb {
                    href: path.clone(),
                    name: a.title.clone(),
                }],
                primary_help(site, now),
            ),
            title: &a.title,
            summary: &a.summary,
            body: &a.body,
            services: site
                .services_for(idx)
                .map(|(_, s)| service_link(site, s))
                .collect(),
        }
    }
}

#[derive(Template)]
#[template(path = "access.html")]
pub struct AccessPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub places: Vec<PlaceView<'a>>,
    pub body: &'a Blocks,
}

impl<'a> AccessPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let (site, now) = (cx.site, cx.now);
        let p = &site.pages.access;
        AccessPage {
            layout: Layout::new(
                cx,
                urls::ACCESS,
                Some(&p.title),
                crumb(urls::ACCESS, &p.title),
                primary_help(site, now),
            ),
            title: &p.title,
            lead: &p.lead,
            places: p
                .places
                .iter()
                .map(|&i| PlaceView::new(site, &site.places[i]))
                .collect(),
            body: &p.body,
        }
    }
}

pub struct QuestionView<'a> {
    pub id: &'a str,
    pub question: &'a str,
    pub answer: &'a Blocks,
    pub services: Vec<LinkView<'a>>,
}

#[derive(Template)]
#[template(path = "faq.html")]
pub struct FaqPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub questions: Vec<QuestionView<'a>>,
}

impl<'a> FaqPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let (site, now) = (cx.site, cx.now);
        let p = &site.pages.faq;
        FaqPage {
            layout: Layout::new(
                cx,
                urls::FAQ,
                Some(&p.title),
                crumb(urls::FAQ, &p.title),
                primary_help(site, now),
            ),
            title: &p.title,
            lead: &p.lead,
            questions: p
                .questions
                .iter()
                .map(|q| QuestionView {
                    id: &q.id,
                    question: &q.question,
                    answer: &q.answer,
                    services: q
                        .services
                        .iter()
                        .map(|&s| service_link(site, &site.services[s]))
                        .collect(),
                })
                .collect(),
        }
    }
}

pub struct VerificationRow<'a> {
    pub link: LinkView<'a>,
    pub checks: ChecksView<'a>,
}

#[derive(Template)]
#[template(path = "about.html")]
pub struct AboutPage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub lead: &'a str,
    pub sections: &'a [crate::model::Section],
    /// Every fact the content marks as not known.
    pub not_known: Option<unknowns::NotKnownView<'a>>,
    pub verification: Vec<VerificationRow<'a>>,
    /// Every source the site draws on.
    pub sources: Vec<SourceView<'a>>,
}

impl<'a> AboutPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let (site, now) = (cx.site, cx.now);
        let p = &site.pages.about;
        let l = &site.labels;
        AboutPage {
            layout: Layout::new(
                cx,
                urls::ABOUT,
                Some(&p.title),
                crumb(urls::ABOUT, &p.title),
                primary_help(site, now),
            ),
            title: &p.title,
            lead: &p.lead,
            sections: &p.sections,
            not_known: unknowns::NotKnownView::all(site),
            verification: site
                .services
                .iter()
                .map(|s| VerificationRow {
                    link: service_link(site, s),
                    checks: ChecksView::new(l, None, &s.checks),
                })
                .collect(),
            sources: source_views(site, &(0..site.sources.len()).collect::<Vec<_>>()),
        }
    }
}

/// One line on the urgent help page: its number, who runs it, whether it is open now,
/// its hours, what a call costs, and where this comes from.
pub struct UrgentLineView<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub phone: &'a str,
    pub tel: String,
    pub operator: Option<&'a str>,
    /// `None` when the hours are not known: the page says so.
    pub status: Option<contact::StatusView<'a>>,
    pub hours: Option<contact::HoursView>,
    pub call_cost: Option<&'a str>,
    pub note: Option<&'a str>,
    pub sources: Vec<SourceView<'a>>,
}

impl<'a> UrgentLineView<'a> {
    fn new(site: &'a Site, c: &'a crate::model::Contact, now: &ZonedDateTime) -> Self {
        let l = &site.labels;
        UrgentLineView {
            id: &c.id,
            name: &c.name,
            phone: &c.phone.display,
            tel: urls::tel(&c.phone.digits),
            operator: c.operator.as_deref(),
            status: c.hours.map(|h| {
                contact::status_view(l, &crate::schedule::hours::status(&site.hours[h], now), now)
            }),
            hours: c.hours.map(|h| contact::hours_view(site, l, h)),
            call_cost: c.call_cost.as_deref(),
            note: c.note.as_deref(),
            sources: source_views(site, &c.sources),
        }
    }
}

#[derive(Template)]
#[template(path = "urgent.html")]
pub struct UrgentPage<'a> {
    pub layout: Layout<'a>,
    pub page: &'a crate::model::UrgentPage,
    pub emergency: Vec<UrgentLineView<'a>>,
    pub lines: Vec<UrgentLineView<'a>>,
}

impl<'a> UrgentPage<'a> {
    /// `None` when the site has no urgent help page.
    pub fn new(cx: &Ctx<'a>) -> Option<Self> {
        let (site, now) = (cx.site, cx.now);
        let p = site.pages.urgent.as_ref()?;
        let lines = |kind| {
            site.contacts_of(kind)
                .map(|(_, c)| UrgentLineView::new(site, c, now))
                .collect()
        };
        Some(UrgentPage {
            layout: Layout::new(
                cx,
                urls::URGENT,
                Some(&p.title),
                crumb(urls::URGENT, &p.title),
                primary_help(site, now),
            ),
            page: p,
            emergency: lines(crate::model::ContactKind::Emergency),
            lines: lines(crate::model::ContactKind::Urgent),
        })
    }
}

/// A page that only says something went wrong and how to go on: the 404 page, and the
/// page for requests the site cannot answer (wrong method, overlong address, …).
#[derive(Template)]
#[template(path = "not_found.html")]
pub struct MessagePage<'a> {
    pub layout: Layout<'a>,
    pub title: &'a str,
    pub body: &'a str,
    /// The home page in the page's own language.
    pub home_href: String,
}

impl<'a> MessagePage<'a> {
    pub fn not_found(cx: &Ctx<'a>) -> Self {
        let l = &cx.site.labels;
        Self::new(cx, &l.not_found_title, &l.not_found_body)
    }

    pub fn request_error(cx: &Ctx<'a>) -> Self {
        let l = &cx.site.labels;
        Self::new(cx, &l.request_error_title, &l.request_error_body)
    }

    fn new(cx: &Ctx<'a>, title: &'a str, body: &'a str) -> Self {
        MessagePage {
            layout: Layout::new(
                cx,
                "",
                Some(title),
                Vec::new(),
                primary_help(cx.site, cx.now),
            ),
            title,
            body,
            home_href: urls::of(cx.site).home(),
        }
    }
}

fn crumb(href: &str, name: &str) -> Vec<Crumb> {
    vec![Crumb {
        href: href.to_string(),
        name: name.to_string(),
    }]
}

/// One page's row in the accessibility statement's results table.
pub struct ResultRow<'a> {
    pub href: String,
    pub title: &'a str,
    pub results: Vec<&'a str>,
}

#[derive(Template)]
#[template(path = "accessibility.html")]
pub struct AccessibilityPage<'a> {
    pub layout: Layout<'a>,
    pub page: &'a crate::model::AccessibilityPage,
    pub tested_on: DateView,
    /// "2026年11月25日に行った検査の、ページごとの結果"
    pub results_caption: String,
    pub checks: Vec<&'a str>,
    pub rows: Vec<ResultRow<'a>>,
}

impl<'a> AccessibilityPage<'a> {
    pub fn new(cx: &Ctx<'a>) -> Self {
        let (site, now) = (cx.site, cx.now);
        let p = &site.pages.accessibility;
        let tested_on = DateView::new(&site.labels, p.tested_on);
        AccessibilityPage {
            layout: Layout::new(
                cx,
                urls::ACCESSIBILITY,
                Some(&p.title),
                crumb(urls::ACCESSIBILITY, &p.title),
                primary_help(site, now),
            ),
            page: p,
            results_caption: site
                .labels
                .a11y_results_caption
                .replace("{date}", &tested_on.text),
            tested_on,
            checks: p.checks.iter().map(|c| c.name.as_str()).collect(),
            // Every page is checked the same way and the suite fails on any finding, so
            // every page that is published has every check's result.
            rows: page_list(site)
                .into_iter()
                .map(|(href, page)| ResultRow {
                    title: page_title(site, page),
                    href,
                    results: p.checks.iter().map(|c| c.result.as_str()).collect(),
                })
                .collect(),
        }
    }
}
