//! The one place where library errors become what the UI receives.
//!
//! Every command returns `Result<T, ErrorDto>`; the UI branches on `code`
//! (the library's stable [`undersigned::Error::code`] or one of the app's own
//! codes below) and shows `message`, which the library already keeps free of
//! personal data.

use serde::Serialize;

/// An error as it crosses the IPC boundary: `{code, message}`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct ErrorDto {
    /// Stable, machine-readable: `not_found`, `invalid_input`, `cancelled`, ...
    pub code: String,
    /// For people; never parsed.
    pub message: String,
}

impl ErrorDto {
    /// An error raised by the app shell itself (not the library).
    pub fn app(code: &str, message: impl Into<String>) -> Self {
        ErrorDto {
            code: code.to_string(),
            message: message.into(),
        }
    }

    /// The user closed a dialog without choosing; the UI shows nothing.
    pub fn cancelled() -> Self {
        Self::app("cancelled", "cancelled")
    }
}

impl From<undersigned::Error> for ErrorDto {
    fn from(err: undersigned::Error) -> Self {
        ErrorDto {
            code: err.code().to_string(),
            message: err.to_string(),
        }
    }
}

/// What every command returns.
pub type CmdResult<T> = Result<T, ErrorDto>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_keep_their_code_and_message() {
        let err = undersigned::Error::not_found("letter", 7);
        let dto = ErrorDto::from(err);
        assert_eq!(dto.code, "not_found");
        assert_eq!(dto.message, "letter 7 does not exist");
    }

    #[test]
    fn serialises_as_code_and_message_only() {
        let dto = ErrorDto::app("cancelled", "cancelled");
        let json = serde_json::to_value(&dto).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "cancelled", "message": "cancelled"})
        );
    }
}
