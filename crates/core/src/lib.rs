//! Broadsheet's domain: types and rules with no I/O, so they are quick to test.

pub mod api_token;
pub mod article;
pub mod body;
pub mod cache;
pub mod change;
pub mod comments;
pub mod config;
pub mod csv;
pub mod dates;
pub mod email;
pub mod embed;
pub mod forms;
pub mod masthead;
pub mod newsletter;
pub mod pagination;
pub mod pow;
pub mod role;
pub mod search;
pub mod secrets;
pub mod settings;
pub mod slug;
pub mod text;
pub mod urls;
pub mod workflow;
