//! Step 6 of the flow (server).
//!
//! Load shedding: at most `max` requests are handled at once, and one more is answered
//! 503 at once rather than queued. Hand-written rather than tower's
//! `GlobalConcurrencyLimit` + `LoadShed` (+ axum's `HandleError` to turn the error into
//! a response): those make a new semaphore future for every clone of the service, which
//! is every request, and box the response future; this is one shared counter.

use std::future::{Future, Ready, ready};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::task::{Context, Poll};

use axum::response::Response;
use tower::{Layer, Service};

#[derive(Debug, Clone)]
pub(super) struct InFlightLimitLayer<F> {
    max: usize,
    in_flight: Arc<AtomicUsize>,
    /// The answer when the limit is reached.
    refuse: F,
}

impl<F> InFlightLimitLayer<F> {
    pub(super) fn new(max: usize, refuse: F) -> Self {
        InFlightLimitLayer {
            max,
            in_flight: Arc::new(AtomicUsize::new(0)),
            refuse,
        }
    }
}

impl<S, F: Clone> Layer<S> for InFlightLimitLayer<F> {
    type Service = InFlightLimit<S, F>;

    fn layer(&self, inner: S) -> Self::Service {
        InFlightLimit {
            inner,
            max: self.max,
            in_flight: self.in_flight.clone(),
            refuse: self.refuse.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct InFlightLimit<S, F> {
    inner: S,
    max: usize,
    in_flight: Arc<AtomicUsize>,
    refuse: F,
}

impl<S, F, Request> Service<Request> for InFlightLimit<S, F>
where
    S: Service<Request, Response = Response>,
    S::Future: Unpin,
    F: Fn() -> Response,
{
    type Response = Response;
    type Error = S::Error;
    type Future = Limited<S::Future, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if self.in_flight.fetch_add(1, Ordering::AcqRel) >= self.max {
            self.in_flight.fetch_sub(1, Ordering::AcqRel);
            return Limited::Refused(ready(Ok((self.refuse)())));
        }
        let slot = Slot(self.in_flight.clone());
        Limited::Admitted {
            future: self.inner.call(request),
            _slot: slot,
        }
    }
}

/// Holds one place until the response is ready (or the request is dropped).
#[derive(Debug)]
pub(super) struct Slot(Arc<AtomicUsize>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

#[derive(Debug)]
pub(super) enum Limited<Fut, E> {
    Admitted {
        future: Fut,
        /// Held, not read: dropped with the future.
        _slot: Slot,
    },
    Refused(Ready<Result<Response, E>>),
}

impl<Fut, E> Future for Limited<Fut, E>
where
    Fut: Future<Output = Result<Response, E>> + Unpin,
{
    type Output = Result<Response, E>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        match self.get_mut() {
            Limited::Admitted { future, .. } => Pin::new(future).poll(cx),
            Limited::Refused(answer) => Pin::new(answer).poll(cx),
        }
    }
}
