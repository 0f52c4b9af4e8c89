//! Step 4 of the flow (view): whether a page shows any text untranslated, read from its
//! view before it is rendered, so the notice at the top of the page (see `Ctx::render`)
//! is known in time and the page is rendered once. A text that fell back to the default
//! language carries the marks the translate step put around it (`model::inline`), so
//! each view only has to say which of its texts it shows.
//!
//! Labels are read by the templates directly, so they count for the whole edition: when
//! any label is untranslated, every page of that language has the notice.

use super::about::{AboutPage, VerificationRow};
use super::access::AccessPage;
use super::accessibility::{AccessibilityPage, ResultRow};
use super::audience::AudiencePage;
use super::contact::{
    ContactView, HoursRow, HoursView, KnownView, OpenLineView, OpenUrgentView, StatusView,
    UntilView, WhenView,
};
use super::faq::{FaqPage, QuestionView};
use super::feedback::FeedbackPage;
use super::filters::Filled;
use super::handout::{CheckboxView, GroupView, HandoutFormPage, HandoutPage, ItemView, LineView};
use super::home::{Featured, HomePage};
use super::layout::{Crumb, DangerLine, DangerNumber, LanguageLink, Layout, NavItem};
use super::message::MessagePage;
use super::pages::PageView;
use super::parts::{
    ChecksView, DateView, EventPlace, EventView, LinkView, OccurrenceView, PlaceView, ReadOnView,
    SourceView,
};
use super::search::{Outcome, SearchPage};
use super::service::{Fact, FactValue, ServicePage};
use super::unknowns::{NotKnownView, UnknownItem};
use super::urgent::{UrgentLineView, UrgentPage};
use crate::model::{self, Block, Blocks, inline};

/// Some text a view shows is in the default language because its translation is missing.
pub trait Untranslated {
    fn untranslated(&self) -> bool;
}

impl Untranslated for str {
    fn untranslated(&self) -> bool {
        inline::is_untranslated(self)
    }
}

impl Untranslated for String {
    fn untranslated(&self) -> bool {
        self.as_str().untranslated()
    }
}

impl<T: Untranslated + ?Sized> Untranslated for &T {
    fn untranslated(&self) -> bool {
        (**self).untranslated()
    }
}

impl<T: Untranslated> Untranslated for Option<T> {
    fn untranslated(&self) -> bool {
        self.as_ref().is_some_and(T::untranslated)
    }
}

impl<T: Untranslated> Untranslated for [T] {
    fn untranslated(&self) -> bool {
        self.iter().any(T::untranslated)
    }
}

impl<T: Untranslated> Untranslated for Vec<T> {
    fn untranslated(&self) -> bool {
        self.as_slice().untranslated()
    }
}

/// A view that shows the texts in the listed fields.
macro_rules! shows {
    ($ty:ty => $($field:ident),+ $(,)?) => {
        impl Untranslated for $ty {
            fn untranslated(&self) -> bool {
                $(self.$field.untranslated())||+
            }
        }
    };
}

/// A page view: the shared layout and the texts in the listed fields.
macro_rules! page {
    ($ty:ident => $($field:ident),+ $(,)?) => {
        impl Untranslated for $ty<'_> {
            fn untranslated(&self) -> bool {
                self.layout.untranslated() $(|| self.$field.untranslated())+
            }
        }

        impl<'a> PageView<'a> for $ty<'a> {
            fn layout_mut(&mut self) -> &mut Layout<'a> {
                &mut self.layout
            }
        }
    };
}

page!(HomePage => title, lead, points, audiences, channels, featured, services);
page!(ServicePage => name, also_known_as, summary, body, events, facts, place, not_known,
    related, sources, checks, print);
page!(AudiencePage => title, summary, body, services);
page!(AccessPage => title, lead, places, body);
page!(FaqPage => title, lead, questions);
page!(AboutPage => title, lead, sections, not_known, verification, sources);
page!(MessagePage => title, body);
page!(AccessibilityPage => page, tested_on, results_caption, checks, rows);
page!(SearchPage => title, outcome);
page!(UrgentPage => page, emergency, lines);
page!(HandoutFormPage => title, lead, max, groups, ready);
page!(HandoutPage => title, summary, as_of, items);
page!(FeedbackPage => title, paragraphs, back_text);

impl Untranslated for Layout<'_> {
    fn untranslated(&self) -> bool {
        self.l.untranslated
            || self.title.untranslated()
            || self.site_name.untranslated()
            || self.languages.untranslated()
            || self.stale_notice.untranslated()
            || self.urgent.untranslated()
            || self.danger.untranslated()
            || self.nav.untranslated()
            || self.breadcrumbs.untranslated()
            || self.help.untranslated()
            || self.footer_contact.name.untranslated()
            || self.claims.untranslated()
            || self.operator.untranslated()
            || self.official.untranslated()
            || self.footer_links.untranslated()
            || self.feedback_section.untranslated()
    }
}

shows!(LanguageLink<'_> => label);
shows!(NavItem<'_> => name);
shows!(Crumb => name);
shows!(DangerLine<'_> => before, numbers, after);
shows!(DangerNumber<'_> => joiner, name);
shows!(model::Official => name, note);
shows!(ContactView<'_> => heading, note, name, status, open_urgent, hours, operator, fax, email,
    call_cost, contact_note);
shows!(OpenLineView<'_> => name, until);
shows!(UntilView<'_> => before, when, after, text);
shows!(StatusView<'_> => state, reason, separator, before, when, after, fallback);
shows!(WhenView => text);
shows!(HoursView => caption, rows, closed);
shows!(HoursRow => days, all_day, opens, closes);
shows!(LinkView<'_> => name, summary);
shows!(PlaceView<'_> => name, label, inside, address_line, way, map_link);
shows!(EventView<'_> => heading, recurrence, times, place, on_holiday, note, next);
shows!(OccurrenceView<'_> => text, mark, note);
shows!(SourceView<'_> => title, document, read_on);
shows!(ReadOnView => before, date, after);
shows!(ChecksView<'_> => subject, against_sources, with_office);
shows!(NotKnownView<'_> => heading, before, line, after, items);
shows!(UnknownItem<'_> => subject, what);
shows!(model::UrgentPage => title, lead, busy, emergency_heading, lines_heading, hours_note);
shows!(UrgentLineView<'_> => name, status, hours, operator, call_cost, note, sources);
shows!(DateView => text);
shows!(Fact<'_> => label, values);
shows!(QuestionView<'_> => question, answer, services);
shows!(VerificationRow<'_> => link, checks);
shows!(ResultRow<'_> => title, results);
shows!(super::qr::PrintLink<'_> => url_label, qr_alt);
shows!(Featured<'_> => heading, event, read_more);
shows!(GroupView<'_> => legend, boxes);
shows!(CheckboxView<'_> => label, about);
shows!(ItemView<'_> => name, summary, line, events, place, qr_alt);
shows!(LineView<'_> => name, hours, closed);
shows!(model::Section => heading, body);
shows!(model::AccessibilityPage => title, lead, target, method, tools, known_issues, report);

impl Untranslated for OpenUrgentView<'_> {
    fn untranslated(&self) -> bool {
        self.heading.untranslated()
            || self.lines.untranslated()
            || self.none.untranslated()
            || self
                .page
                .as_ref()
                .is_some_and(|(_, name)| name.untranslated())
    }
}

impl Untranslated for KnownView {
    fn untranslated(&self) -> bool {
        match self {
            KnownView::Text(text) | KnownView::Link { text, .. } => text.untranslated(),
            KnownView::Unknown => false,
        }
    }
}

impl Untranslated for EventPlace<'_> {
    fn untranslated(&self) -> bool {
        match self {
            EventPlace::At(place) => place.untranslated(),
            EventPlace::Here | EventPlace::Unknown => false,
        }
    }
}

impl Untranslated for FactValue<'_> {
    fn untranslated(&self) -> bool {
        match self {
            FactValue::Text(text) => text.untranslated(),
            FactValue::Link { text, .. } => text.untranslated(),
        }
    }
}

impl Untranslated for Blocks {
    fn untranslated(&self) -> bool {
        self.0.untranslated()
    }
}

impl Untranslated for Block {
    fn untranslated(&self) -> bool {
        match self {
            Block::Heading { text, .. } | Block::Paragraph(text) => text.untranslated(),
            Block::List(items) => items.untranslated(),
        }
    }
}

impl Untranslated for Outcome<'_> {
    fn untranslated(&self) -> bool {
        match self {
            Outcome::All(links) => links.untranslated(),
            Outcome::Problem(message) => message.untranslated(),
            // The hits are plain text (see `search::entries`): no marks, no spans.
            Outcome::Found { summary, .. } => summary.untranslated(),
        }
    }
}

impl Untranslated for Filled<'_> {
    fn untranslated(&self) -> bool {
        self.label().untranslated()
    }
}
