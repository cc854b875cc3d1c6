//! Question handlers of the builder: add, edit, move, delete (or archive once answered) and ask
//! again. A question id that is not in the survey is "not found".

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, web};

use crate::accounts::CurrentSteward;
use crate::error::AppError;
use crate::state::AppState;
use crate::surveys::SurveyAccess;
use crate::surveys::SurveyId;
use crate::surveys::model::Survey;
use crate::surveys::parse::too_many_questions;
use crate::surveys::question::{Question, QuestionDef, QuestionId, QuestionKey};
use crate::surveys::question_form::question_form;
use crate::surveys::question_form_fields::QuestionForm;
use crate::surveys::store;
use crate::web::respond::{NoFields, html, see_other};
use crate::web::{CsrfForm, CsrfToken, FieldErrors};

async fn question_in(
    state: &AppState,
    me: &CurrentSteward,
    ids: (i64, i64),
) -> Result<(Survey, Question), AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(ids.0))
        .await?
        .survey;
    let question = store::find_question(&state.db, survey.id, QuestionId(ids.1))
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((survey, question))
}

fn builder_path(survey: &Survey) -> String {
    format!("/surveys/{}", survey.id.0)
}

/// A key no other question of the survey uses: the one typed, or one made from the prompt
/// with `_2`, `_3`… added when needed.
async fn settle_key(
    state: &AppState,
    survey: &Survey,
    form: &QuestionForm,
    def: &mut QuestionDef,
    except: Option<QuestionId>,
    errors: &mut FieldErrors,
) -> Result<(), AppError> {
    if !store::key_taken(&state.db, survey.id, &def.key, except).await? {
        return Ok(());
    }
    if !form.key.trim().is_empty() {
        errors.add(
            "key",
            "Another question in this survey already uses this key. Choose a different key",
        );
        return Ok(());
    }
    let base: String = def.key.as_str().chars().take(36).collect();
    for n in 2..1000 {
        if let Ok(key) = QuestionKey::parse(&format!("{base}_{n}"))
            && !store::key_taken(&state.db, survey.id, &key, except).await?
        {
            def.key = key;
            return Ok(());
        }
    }
    errors.add("key", "Enter a key for this question");
    Ok(())
}

/// The question-count rule's message if the survey cannot ask one more question.
async fn no_room(state: &AppState, survey: &Survey) -> Result<Option<String>, AppError> {
    let asked = store::questions(&state.db, survey.id, false).await?.len();
    Ok(too_many_questions(asked + 1))
}

pub async fn new_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let typed = QuestionForm {
        required: "no".into(),
        ..QuestionForm::default()
    };
    Ok(html(
        StatusCode::OK,
        question_form(
            &me.nav(),
            &csrf.0,
            &survey,
            None,
            &typed,
            &FieldErrors::new(),
        ),
    ))
}

pub async fn create(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<i64>,
    form: CsrfForm<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let survey = SurveyAccess::build(&state.db, &me.steward, SurveyId(path.into_inner()))
        .await?
        .survey;
    let CsrfForm { form, token } = form;
    let mut errors = FieldErrors::new();
    let def = match form.parse() {
        Ok(mut def) => {
            settle_key(&state, &survey, &form, &mut def, None, &mut errors).await?;
            Some(def)
        }
        Err(found) => {
            errors = found;
            None
        }
    };
    if let Some(message) = no_room(&state, &survey).await? {
        errors.add("prompt", message);
    }
    match def {
        Some(def) if errors.is_empty() => {
            store::add_question(&state.db, survey.id, &def).await?;
            Ok(see_other(&format!("{}#questions", builder_path(&survey))))
        }
        _ => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            question_form(&me.nav(), &token, &survey, None, &form, &errors),
        )),
    }
}

pub async fn edit_page(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    csrf: CsrfToken,
) -> Result<HttpResponse, AppError> {
    let (survey, question) = question_in(&state, &me, path.into_inner()).await?;
    let answers = store::answer_count(&state.db, question.id).await?;
    Ok(html(
        StatusCode::OK,
        question_form(
            &me.nav(),
            &csrf.0,
            &survey,
            Some((&question, answers)),
            &QuestionForm::from_question(&question),
            &FieldErrors::new(),
        ),
    ))
}

pub async fn edit(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    form: CsrfForm<QuestionForm>,
) -> Result<HttpResponse, AppError> {
    let (survey, question) = question_in(&state, &me, path.into_inner()).await?;
    let answers = store::answer_count(&state.db, question.id).await?;
    let CsrfForm {
        form: mut typed,
        token,
    } = form;
    if answers > 0 {
        // Answered questions keep their key and type whatever the form says.
        typed.kind = question.def.kind.as_str().to_owned();
        typed.key = question.def.key.as_str().to_owned();
    }
    let mut errors = FieldErrors::new();
    let def = match typed.parse() {
        Ok(mut def) => {
            settle_key(
                &state,
                &survey,
                &typed,
                &mut def,
                Some(question.id),
                &mut errors,
            )
            .await?;
            Some(def)
        }
        Err(found) => {
            errors = found;
            None
        }
    };
    match def {
        Some(def) if errors.is_empty() => {
            store::update_question(&state.db, survey.id, question.id, &def).await?;
            Ok(see_other(&format!("{}#questions", builder_path(&survey))))
        }
        _ => Ok(html(
            StatusCode::UNPROCESSABLE_ENTITY,
            question_form(
                &me.nav(),
                &token,
                &survey,
                Some((&question, answers)),
                &typed,
                &errors,
            ),
        )),
    }
}

async fn reorder(
    state: &AppState,
    me: &CurrentSteward,
    ids: (i64, i64),
    up: bool,
) -> Result<HttpResponse, AppError> {
    let (survey, question) = question_in(state, me, ids).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    store::move_question(&txn, survey.id, question.id, up).await?;
    txn.commit().await?;
    Ok(see_other(&format!("{}#questions", builder_path(&survey))))
}

pub async fn move_up(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    reorder(&state, &me, path.into_inner(), true).await
}

pub async fn move_down(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    reorder(&state, &me, path.into_inner(), false).await
}

pub async fn delete(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (survey, question) = question_in(&state, &me, path.into_inner()).await?;
    let txn = crate::db::begin_write(&state.db).await?;
    store::remove_question(&txn, survey.id, question.id).await?;
    txn.commit().await?;
    Ok(see_other(&format!("{}#questions", builder_path(&survey))))
}

pub async fn restore(
    state: web::Data<AppState>,
    me: CurrentSteward,
    path: web::Path<(i64, i64)>,
    _form: CsrfForm<NoFields>,
) -> Result<HttpResponse, AppError> {
    let (survey, question) = question_in(&state, &me, path.into_inner()).await?;
    if !question.archived {
        return Err(AppError::NotFound);
    }
    if let Some(message) = no_room(&state, &survey).await? {
        return Err(AppError::BadRequest(message));
    }
    let txn = crate::db::begin_write(&state.db).await?;
    store::restore_question(&txn, survey.id, question.id).await?;
    txn.commit().await?;
    Ok(see_other(&format!("{}#questions", builder_path(&survey))))
}
