/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "limber"

#include "config.h"

#include <glib/gi18n.h>
#include <gsound.h>

#include "limber-accessible.h"
#include "limber-illustration.h"
#include "limber-pain-scale.h"
#include "limber-routine-session.h"
#include "limber-stretch-window.h"

/* The guided stretch: the illustration, what to do, a large countdown and
 * where the routine stands. Time comes from LimberRoutineSession on the
 * monotonic clock; the frame clock only redraws it while it is seen. */
struct _LimberStretchWindow
{
  AdwWindow             parent_instance;

  LimberContext        *context;
  char                 *activity_id;
  gboolean              for_break;
  LimberRoutineSession *session;
  GDateTime            *started;
  guint                 tick_id;
  guint                 inhibit_cookie;
  gboolean              saved;

  AdwWindowTitle       *title;
  GtkLabel             *caution;
  /* NULL until the first sound, and when there is no sound server. */
  GSoundContext        *sound;
  GCancellable         *sound_cancellable;
  gboolean              sound_tried;
  GtkStack             *stack;
  GtkProgressBar       *progress;
  GtkLabel             *counters;
  GtkPicture           *illustration;
  GtkLabel             *instruction;
  GtkLabel             *countdown;
  GtkLabel             *next_label;
  GtkWidget            *start_now_button;
  GtkToggleButton      *pause_button;
  AdwStatusPage        *finished_page;
  LimberPainScale      *pain_after;
  /* What the countdown last told screen readers, so that it tells them
   * only when that changes. */
  char                 *countdown_spoken;
  /* Paused while the Stop the Stretch? dialog asks, to go on after. */
  gboolean              paused_for_dialog;
  /* Whether the steps were done, once the session has finished. */
  gboolean              completed;
};

G_DEFINE_FINAL_TYPE (LimberStretchWindow, limber_stretch_window, ADW_TYPE_WINDOW)

static const char *
side_text (LimberSide side)
{
  switch (side)
    {
    case LIMBER_SIDE_LEFT:
      return _("Left side");
    case LIMBER_SIDE_RIGHT:
      return _("Right side");
    case LIMBER_SIDE_BOTH:
    default:
      return NULL;
    }
}

/* Shows @text in @label, and gives screen readers @spoken (or @text) as
 * the label's name. GTK 4.8 cannot make an announcement; a label whose
 * name changes with what it shows is what screen readers can follow. */
static void
announce (GtkLabel   *label,
          const char *text,
          const char *spoken)
{
  gtk_label_set_label (label, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  spoken != NULL ? spoken : text, -1);
}

/* The instruction of @step with its side, as a screen reader says it. */
static char *
spoken_instruction (const LimberStep *step)
{
  switch (step->side)
    {
    case LIMBER_SIDE_LEFT:
      /* Translators: how a screen reader says a step on the left side;
       * %s is the instruction. */
      return g_strdup_printf (_("Left side: %s"), _(step->instruction));
    case LIMBER_SIDE_RIGHT:
      /* Translators: how a screen reader says a step on the right side;
       * %s is the instruction. */
      return g_strdup_printf (_("Right side: %s"), _(step->instruction));
    case LIMBER_SIDE_BOTH:
    default:
      return g_strdup (_(step->instruction));
    }
}

static void
append_counter (GString    *counters,
                const char *counter)
{
  if (counters->len > 0)
    g_string_append (counters, " · ");
  g_string_append (counters, counter);
}

/* What comes after @phase, for the line under the countdown. */
static char *
next_text (LimberStretchWindow *self,
           const LimberPhase   *phase)
{
  const LimberPhase *next = limber_routine_session_get_next_step (self->session);

  if (phase->kind == LIMBER_PHASE_GET_READY)
    /* Translators: under the countdown before the first step; %s is
     * that step. */
    return g_strdup_printf (_("First: %s"), _(phase->step->instruction));
  if (phase->kind == LIMBER_PHASE_STEP && phase->hold < phase->holds)
    return g_strdup (_("Next: relax"));
  if (next == NULL)
    return g_strdup (_("Next: done"));
  if (next->step == phase->step && next->holds > 0)
    /* Translators: what comes after a relax between holds: “Next: hold 3
     * of 6”. */
    return g_strdup_printf (_("Next: hold %u of %u"), next->hold, next->holds);
  /* Translators: %s is what comes next. */
  return g_strdup_printf (_("Next: %s"), next->exercise == phase->exercise ? _(next->step->instruction)
                                                                          : _(next->exercise->name));
}

/* The parts that change with the phase, not with each second. */
static void
show_phase (LimberStretchWindow *self)
{
  const LimberPhase *phase = limber_routine_session_get_phase (self->session);
  g_autoptr (GString) counters = g_string_new (NULL);
  g_autofree char *next = NULL;
  g_autofree char *spoken = NULL;
  const LimberPhase *next_step;
  const char *side;

  if (phase->exercises > 1)
    {
      /* Translators: “Exercise 2 of 5”. */
      g_autofree char *counter = g_strdup_printf (_("Exercise %u of %u"), phase->exercise_number, phase->exercises);

      append_counter (counters, counter);
    }
  if (phase->sets > 1)
    {
      /* Translators: “Set 1 of 3”. */
      g_autofree char *counter = g_strdup_printf (_("Set %u of %u"), phase->set, phase->sets);

      append_counter (counters, counter);
    }
  if (phase->holds > 1)
    {
      /* Translators: “Hold 2 of 6”, of a hold done six times. */
      g_autofree char *counter = g_strdup_printf (_("Hold %u of %u"), phase->hold, phase->holds);

      append_counter (counters, counter);
    }
  side = phase->step != NULL && phase->kind != LIMBER_PHASE_GET_READY ? side_text (phase->step->side) : NULL;
  if (side != NULL)
    append_counter (counters, side);
  gtk_label_set_label (self->counters, counters->str);
  gtk_widget_set_visible (GTK_WIDGET (self->counters), counters->len > 0);

  /* A routine names the exercise under way; a single exercise is the
   * title already. */
  if (g_strcmp0 (adw_window_title_get_title (self->title), _(phase->exercise->name)) != 0)
    adw_window_title_set_subtitle (self->title, _(phase->exercise->name));
  gtk_label_set_label (self->caution, phase->exercise->caution ? _(phase->exercise->caution) : "");
  gtk_widget_set_visible (GTK_WIDGET (self->caution), phase->exercise->caution != NULL);
  /* A rest within an exercise shows the side that comes next. */
  next_step = limber_routine_session_get_next_step (self->session);
  if (phase->kind == LIMBER_PHASE_REST && next_step != NULL && next_step->exercise == phase->exercise)
    limber_illustration_show (self->illustration, phase->exercise, next_step->step);
  else
    limber_illustration_show (self->illustration, phase->exercise, phase->step);

  switch (phase->kind)
    {
    case LIMBER_PHASE_GET_READY:
      /* Translators: said as the countdown before the first step starts;
       * %s is that step. */
      spoken = g_strdup_printf (_("Get ready. First: %s"), _(phase->step->instruction));
      announce (self->instruction, _("Get ready"), spoken);
      break;
    case LIMBER_PHASE_RELAX:
      announce (self->instruction, _("Relax"), NULL);
      break;
    case LIMBER_PHASE_REST:
      announce (self->instruction, _("Rest a moment."), NULL);
      break;
    case LIMBER_PHASE_STEP:
    default:
      spoken = spoken_instruction (phase->step);
      announce (self->instruction, _(phase->step->instruction), spoken);
      break;
    }
  gtk_widget_set_visible (self->start_now_button, phase->kind == LIMBER_PHASE_GET_READY);

  next = next_text (self, phase);
  gtk_label_set_label (self->next_label, next);

  gtk_progress_bar_set_fraction (self->progress,
                                 (double) limber_routine_session_get_phase_index (self->session) /
                                 limber_routine_session_get_n_phases (self->session));
}

static void
show_time (LimberStretchWindow *self)
{
  gint64 now = g_get_monotonic_time ();
  const LimberPhase *phase = limber_routine_session_get_phase (self->session);
  gint64 remaining_s = (limber_routine_session_get_remaining (self->session, now) + G_USEC_PER_SEC - 1) / G_USEC_PER_SEC;
  guint repetition = limber_routine_session_get_repetition (self->session, now);
  gboolean paused = limber_routine_session_is_paused (self->session);
  g_autofree char *text = NULL;
  g_autofree char *spoken = NULL;

  if (phase->kind == LIMBER_PHASE_GET_READY)
    {
      text = g_strdup_printf ("%d", (int) remaining_s);
      spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Starting in %d second", "Starting in %d seconds",
                                             remaining_s),
                                (int) remaining_s);
    }
  else if (repetition > 0)
    {
      /* Translators: “3 / 8”, the repetition under way of all. */
      text = g_strdup_printf (_("%u / %u"), repetition, phase->step->reps);
      /* Translators: how a screen reader says “3 / 8”. */
      spoken = g_strdup_printf (_("Repetition %u of %u"), repetition, phase->step->reps);
    }
  else
    {
      text = g_strdup_printf ("%d:%02d", (int) (remaining_s / 60), (int) (remaining_s % 60));
      spoken = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d second left", "%d seconds left", remaining_s),
                                (int) remaining_s);
    }

  if (g_strcmp0 (spoken, self->countdown_spoken) != 0)
    {
      announce (self->countdown, text, spoken);
      g_free (self->countdown_spoken);
      self->countdown_spoken = g_steal_pointer (&spoken);
    }

  /* Pressed while paused, showing what pressing it again does. GTK 4.8
   * leaves the state unset until the button is first toggled. */
  gtk_toggle_button_set_active (self->pause_button, paused);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->pause_button), GTK_ACCESSIBLE_STATE_PRESSED, paused, -1);
  gtk_button_set_icon_name (GTK_BUTTON (self->pause_button),
                            paused ? "media-playback-start-symbolic" : "media-playback-pause-symbolic");
}

static gboolean
tick_cb (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  LimberStretchWindow *self = LIMBER_STRETCH_WINDOW (widget);

  limber_routine_session_tick (self->session, g_get_monotonic_time ());
  if (!limber_routine_session_is_finished (self->session))
    show_time (self);
  return G_SOURCE_CONTINUE;
}

static void
uninhibit (LimberStretchWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (self->inhibit_cookie != 0 && application != NULL)
    gtk_application_uninhibit (application, self->inhibit_cookie);
  self->inhibit_cookie = 0;
}

/* Opened before the first sound rather than by it, so that a window finds
 * a missing sound server once: a context left unopened loads the sound
 * backend and looks for a server again at every step. */
static GSoundContext *
open_sound (void)
{
  GSoundContext *sound;
  g_autoptr (GError) error = NULL;

  sound = gsound_context_new (NULL, &error);
  if (sound != NULL && !gsound_context_open (sound, &error))
    g_clear_object (&sound);
  if (sound == NULL)
    g_debug ("No sounds: %s", error->message);

  return sound;
}

/* A sound from the freedesktop theme, when the person wants one. Without
 * a sound server this stays silent. */
static void
play (LimberStretchWindow *self,
      const char          *event_id,
      const char          *description)
{
  g_autoptr (GError) error = NULL;

  if (!g_settings_get_boolean (limber_context_get_settings (self->context), "sound-enabled"))
    return;

  if (!self->sound_tried)
    {
      self->sound_tried = TRUE;
      self->sound = open_sound ();
      if (self->sound != NULL)
        self->sound_cancellable = g_cancellable_new ();
    }

  if (self->sound != NULL &&
      !gsound_context_play_simple (self->sound, self->sound_cancellable, &error,
                                   GSOUND_ATTR_EVENT_ID, event_id,
                                   GSOUND_ATTR_EVENT_DESCRIPTION, description,
                                   NULL))
    g_debug ("Sound %s not played: %s", event_id, error->message);
}

static void
step_changed_cb (LimberStretchWindow *self)
{
  play (self, "bell", _("Next step of the stretch"));
}

static void
finished_cb (LimberStretchWindow *self)
{
  LimberBreaks *breaks = limber_context_get_breaks (self->context);

  self->completed = limber_routine_session_is_completed (self->session, g_get_monotonic_time ());

  /* The daemon ends a break on time by itself; a routine done ends it
   * now, as taken. It may have ended already, or strict mode may keep it
   * going: either way the daemon knows best, so no answer is awaited.
   * Steps skipped through leave the break to the daemon, as stopping
   * early does. */
  if (breaks != NULL && self->for_break && self->completed)
    limber_breaks_call_break_finished (breaks, TRUE, G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);

  if (self->completed)
    {
      adw_status_page_set_title (self->finished_page, _("Well Done"));
      adw_status_page_set_description (self->finished_page, _("How is your upper back now? This is optional."));
    }
  else
    {
      adw_status_page_set_title (self->finished_page, _("Stretch Ended"));
      adw_status_page_set_description (self->finished_page,
                                       _("Some steps were skipped, so the journal keeps this stretch as done in "
                                         "part. How is your upper back now? This is optional."));
    }

  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  uninhibit (self);
  gtk_stack_set_visible_child_name (self->stack, "finished");
  /* The keys are the pain scale's now. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stretch.toggle-pause", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stretch.next", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stretch.previous", FALSE);
  play (self, "complete", _("Stretch finished"));
}

/* Ends the session once, writing it to the journal unless @record is
 * FALSE. A break it was started for is the daemon's to end: stopped
 * early, the break goes on until its time is up. */
static void
save (LimberStretchWindow *self,
      gboolean             completed,
      gboolean             record)
{
  LimberJournalWriter *writer = limber_context_get_writer (self->context);
  LimberClock *clock = limber_context_get_clock (self->context);
  GDateTime *start = self->started;
  g_autoptr (GDateTime) end = limber_clock_now (clock);
  g_autofree char *day = limber_clock_day_for_time (clock, start);
  LimberStretchSession session = { { 0 } };

  if (self->saved)
    return;
  self->saved = TRUE;

  if (!record)
    return;

  g_strlcpy (session.day, day, sizeof session.day);
  session.activity_id = self->activity_id;
  session.start_utc = g_date_time_to_unix (start);
  session.start_offset_s = (int) (g_date_time_get_utc_offset (start) / G_USEC_PER_SEC);
  session.end_utc = MAX (g_date_time_to_unix (end), session.start_utc);
  session.end_offset_s = (int) (g_date_time_get_utc_offset (end) / G_USEC_PER_SEC);
  session.seconds_done = (int) limber_routine_session_get_seconds_done (self->session, g_get_monotonic_time ());
  session.completed = completed;
  session.pain_before = LIMBER_PAIN_SCORE_UNSET;
  session.pain_after = limber_pain_scale_get_value (self->pain_after);

  /* Kept until it is stored, whether or not the journal is open yet. */
  if (writer != NULL)
    limber_journal_writer_add_stretch_session (writer, &session);
  else
    g_message ("Stretch not saved: no journal");
}

static void
done_clicked_cb (LimberStretchWindow *self)
{
  save (self, self->completed, TRUE);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
toggle_pause_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  LimberStretchWindow *self = LIMBER_STRETCH_WINDOW (widget);
  gint64 now = g_get_monotonic_time ();

  if (limber_routine_session_is_paused (self->session))
    limber_routine_session_resume (self->session, now);
  else
    limber_routine_session_pause (self->session, now);
  show_time (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  LimberStretchWindow *self = LIMBER_STRETCH_WINDOW (widget);

  limber_routine_session_next (self->session, g_get_monotonic_time ());
  if (!limber_routine_session_is_finished (self->session))
    show_time (self);
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  LimberStretchWindow *self = LIMBER_STRETCH_WINDOW (widget);

  limber_routine_session_previous (self->session, g_get_monotonic_time ());
  show_time (self);
}

static gboolean
destroy_cb (gpointer user_data)
{
  gtk_window_destroy (user_data);
  return G_SOURCE_REMOVE;
}

static void
stop_response_cb (AdwMessageDialog    *dialog,
                  const char          *response,
                  LimberStretchWindow *self)
{
  if (g_strcmp0 (response, "stop") != 0)
    {
      /* Going on: the clock runs again if the dialog stopped it. */
      if (self->paused_for_dialog)
        limber_routine_session_resume (self->session, g_get_monotonic_time ());
      self->paused_for_dialog = FALSE;
      if (!limber_routine_session_is_finished (self->session))
        show_time (self);
      return;
    }
  save (self, FALSE, TRUE);
  /* Not while the dialog, which is transient for this window, is still
   * answering. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_cb, g_object_ref (self), g_object_unref);
}

static gboolean
limber_stretch_window_close_request (GtkWindow *window)
{
  LimberStretchWindow *self = LIMBER_STRETCH_WINDOW (window);
  AdwMessageDialog *dialog;

  /* Finished, or barely started and not worth a journal row: just close. */
  if (self->saved || limber_routine_session_is_finished (self->session))
    {
      save (self, self->completed, TRUE);
      return FALSE;
    }
  if (limber_routine_session_get_seconds_done (self->session, g_get_monotonic_time ()) < 3)
    {
      save (self, FALSE, FALSE);
      return FALSE;
    }

  /* The time it takes to answer is not time spent stretching. */
  if (!limber_routine_session_is_paused (self->session))
    {
      limber_routine_session_pause (self->session, g_get_monotonic_time ());
      self->paused_for_dialog = TRUE;
      show_time (self);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window, _("Stop the Stretch?"),
                                                       _("What you did so far is kept in the journal.")));
  adw_message_dialog_add_responses (dialog, "continue", _("_Continue"), "stop", _("_Stop"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "stop", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "continue");
  adw_message_dialog_set_close_response (dialog, "continue");
  limber_accessible_name_buttons_by_label (GTK_WIDGET (dialog));
  g_signal_connect_object (dialog, "response", G_CALLBACK (stop_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
  return TRUE;
}

static void
limber_stretch_window_dispose (GObject *object)
{
  LimberStretchWindow *self = LIMBER_STRETCH_WINDOW (object);

  uninhibit (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), LIMBER_TYPE_STRETCH_WINDOW);
  g_clear_object (&self->session);
  g_clear_object (&self->context);
  g_clear_pointer (&self->started, g_date_time_unref);
  /* A sound still playing ends with the window. Each sound played holds
   * the sound context through the cancellable, so it goes first. */
  g_cancellable_cancel (self->sound_cancellable);
  g_clear_object (&self->sound_cancellable);
  g_clear_object (&self->sound);
  g_clear_pointer (&self->activity_id, g_free);
  g_clear_pointer (&self->countdown_spoken, g_free);

  G_OBJECT_CLASS (limber_stretch_window_parent_class)->dispose (object);
}

static void
limber_stretch_window_class_init (LimberStretchWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = limber_stretch_window_dispose;
  window_class->close_request = limber_stretch_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/limberapp/Limber/limber-stretch-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, title);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, caution);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, progress);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, counters);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, illustration);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, instruction);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, countdown);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, next_label);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, start_now_button);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, finished_page);
  gtk_widget_class_bind_template_child (widget_class, LimberStretchWindow, pain_after);
  /* Not kept in the instance; bound so that tests can press them and
   * check what they are called. */
  gtk_widget_class_bind_template_child_full (widget_class, "done_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "previous_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "next_button", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, done_clicked_cb);

  gtk_widget_class_install_action (widget_class, "stretch.toggle-pause", NULL, toggle_pause_action);
  gtk_widget_class_install_action (widget_class, "stretch.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "stretch.previous", NULL, previous_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  g_type_ensure (LIMBER_TYPE_PAIN_SCALE);
}

static void
limber_stretch_window_init (LimberStretchWindow *self)
{
  static const struct {
    guint       key;
    const char *action;
  } keys[] = {
    { GDK_KEY_space, "stretch.toggle-pause" },
    { GDK_KEY_Right, "stretch.next" },
    { GDK_KEY_Left,  "stretch.previous" },
  };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  limber_accessible_name_buttons_by_label (GTK_WIDGET (self));

  /* Before the focused button can take Space or the arrows for itself. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].key, 0),
                                                            gtk_named_action_new (keys[i].action)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

LimberStretchWindow *
limber_stretch_window_new (GtkApplication *application,
                           LimberContext  *context,
                           const char     *activity_id,
                           gboolean        for_break)
{
  LimberCatalogue *catalogue;
  LimberStretchWindow *self;
  const LimberExercise *exercise;
  const LimberRoutine *routine;
  LimberRoutineSession *session;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *title = NULL;
  const char *name;

  g_return_val_if_fail (LIMBER_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (activity_id != NULL, NULL);

  catalogue = limber_context_get_catalogue (context);
  if ((routine = limber_catalogue_get_routine (catalogue, activity_id)) != NULL)
    session = limber_routine_session_new_for_routine (routine, now);
  else if ((exercise = limber_catalogue_get_exercise (catalogue, activity_id)) != NULL)
    session = limber_routine_session_new_for_exercise (exercise, now);
  else
    return NULL;

  self = g_object_new (LIMBER_TYPE_STRETCH_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);
  self->activity_id = g_strdup (activity_id);
  self->for_break = for_break;
  self->session = session;
  self->started = limber_clock_now (limber_context_get_clock (context));

  name = routine ? _(routine->name) : _(exercise->name);
  adw_window_title_set_title (self->title, name);
  /* Translators: the title of the guided stretch window, as the window
   * list and screen readers give it; %s is the exercise or routine. */
  title = g_strdup_printf (_("Stretch: %s"), name);
  gtk_window_set_title (GTK_WINDOW (self), title);
  g_signal_connect_object (session, "phase-changed", G_CALLBACK (show_phase), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "phase-changed", G_CALLBACK (step_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "finished", G_CALLBACK (finished_cb), self, G_CONNECT_SWAPPED);
  show_phase (self);
  show_time (self);

  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), tick_cb, NULL, NULL);
  /* The screen stays on while someone follows along. */
  if (application != NULL)
    self->inhibit_cookie = gtk_application_inhibit (application, GTK_WINDOW (self), GTK_APPLICATION_INHIBIT_IDLE,
                                                    _("A guided stretch is under way"));

  /* Started for a due break, it is the break. */
  if (for_break && limber_context_get_breaks (context) != NULL)
    limber_breaks_call_break_started (limber_context_get_breaks (context),
                                      routine && routine->purpose == LIMBER_ROUTINE_PURPOSE_REST ? "rest" : "micro",
                                      G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL, NULL);

  return self;
}

LimberRoutineSession *
limber_stretch_window_get_session (LimberStretchWindow *self)
{
  g_return_val_if_fail (LIMBER_IS_STRETCH_WINDOW (self), NULL);
  return self->session;
}
