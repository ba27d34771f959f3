//! Per-request limits on the API endpoints: at most `concurrency` requests
//! are answered at once; a request waits at most `queue_wait` for its turn
//! (else 503 `busy`) and then gets `timeout` to send its body and be
//! answered (else 503 `timeout`).

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tokio::time::{timeout_at, Instant};

use super::error::ApiError;
use super::AppState;

/// The middleware.
pub async fn limit(State(state): State<Arc<AppState>>, request: Request, next: Next) -> Response {
    let queued = Instant::now() + state.limits.queue_wait;
    let permit = match timeout_at(queued, state.permits.clone().acquire_owned()).await {
        Ok(Ok(permit)) => permit,
        Ok(Err(_)) | Err(_) => return ApiError::busy().into_response(),
    };
    let deadline = Instant::now() + state.limits.timeout;
    let response = match timeout_at(deadline, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::timeout().into_response(),
    };
    drop(permit);
    response
}
