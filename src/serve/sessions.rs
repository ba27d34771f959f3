//! Conversations by session id, so that follow-up questions over HTTP and
//! Slack work. Bounded: idle sessions expire, and when the store is full the
//! least recently used one is dropped.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::bot::Conversation;

/// The longest session id accepted.
pub const MAX_ID_LEN: usize = 128;

/// Whether `id` is an acceptable session id: 1–128 characters of letters,
/// digits and `-_.:`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

struct Entry {
    conversation: Conversation,
    used: Instant,
}

/// The store.
pub struct Sessions {
    map: Mutex<HashMap<String, Entry>>,
    capacity: usize,
    idle: Duration,
}

impl Sessions {
    /// A store of at most `capacity` sessions, each forgotten after `idle` without use.
    pub fn new(capacity: usize, idle: Duration) -> Sessions {
        Sessions {
            map: Mutex::new(HashMap::new()),
            capacity: capacity.max(1),
            idle,
        }
    }

    /// The conversation of `id` (a new one if unknown or expired).
    pub fn get(&self, id: &str) -> Conversation {
        let map = self
            .map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match map.get(id) {
            Some(e) if e.used.elapsed() < self.idle => e.conversation.clone(),
            _ => Conversation::default(),
        }
    }

    /// Stores the conversation of `id`.
    pub fn put(&self, id: &str, conversation: Conversation) {
        let mut map = self
            .map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !map.contains_key(id) && map.len() >= self.capacity {
            let idle = self.idle;
            map.retain(|_, e| e.used.elapsed() < idle);
            if map.len() >= self.capacity {
                let oldest = map
                    .iter()
                    .min_by_key(|(_, e)| e.used)
                    .map(|(k, _)| k.clone());
                if let Some(oldest) = oldest {
                    map.remove(&oldest);
                }
            }
        }
        map.insert(
            id.to_string(),
            Entry {
                conversation,
                used: Instant::now(),
            },
        );
    }

    /// How many sessions are stored.
    pub fn len(&self) -> usize {
        self.map
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .len()
    }

    /// Whether no session is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::bot::Bot;
    use crate::glossary::{Glossary, Term};

    #[test]
    fn ids() {
        assert!(valid_id("abc-123_x.y:z"));
        assert!(!valid_id(""));
        assert!(!valid_id("a b"));
        assert!(!valid_id(&"x".repeat(129)));
    }

    #[test]
    fn bounded_and_least_recently_used_goes_first() {
        let bot = Bot::new(Arc::new(Glossary::from_terms([Term::new("Delta")])));
        let sessions = Sessions::new(2, Duration::from_secs(3600));
        let mut talked = Conversation::default();
        bot.answer("delta", &mut talked);
        sessions.put("a", talked.clone());
        sessions.put("b", Conversation::default());
        sessions.put("a", sessions.get("a"));
        sessions.put("c", Conversation::default());
        assert_eq!(sessions.len(), 2);
        assert_eq!(sessions.get("a").topic(), ["delta"]);
        assert_eq!(sessions.get("b"), Conversation::default());
    }

    #[test]
    fn idle_sessions_expire() {
        let bot = Bot::new(Arc::new(Glossary::from_terms([Term::new("Delta")])));
        let sessions = Sessions::new(10, Duration::ZERO);
        let mut talked = Conversation::default();
        bot.answer("delta", &mut talked);
        sessions.put("a", talked);
        assert!(sessions.get("a").topic().is_empty());
    }
}
