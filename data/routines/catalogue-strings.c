/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Written by build-aux/catalogue-strings.py from catalogue.json, for
 * xgettext only; never compiled. tests check that it is up to date. */

/* Translators: the name of the exercise “thoracic-extension”. */
N_("Thoracic extension over the chair back");
/* Translators: the summary of the exercise “thoracic-extension”. */
N_("Arch your upper back over the top of your chair.");
/* Translators: the caution of the exercise “thoracic-extension”. */
N_("Skip it with osteoporosis or after recent spine surgery. Move your upper back only and keep your lower back still.");
/* Translators: what the picture of the exercise “thoracic-extension” shows, read out to those who cannot see it. */
N_("A person sits on an office chair with the hands behind the head and arches the upper back over the top of the chair back; a curved arrow shows the lean back.");
/* Translators: step 1 of the exercise “thoracic-extension”. */
N_("Sit at the back of your chair with your hands behind your head, elbows wide.");
/* Translators: step 2 of the exercise “thoracic-extension”. */
N_("Lean back over the top of the chair back, look up a little, then come back.");
/* Translators: the name of the exercise “wall-angels”. */
N_("Wall angels");
/* Translators: the summary of the exercise “wall-angels”. */
N_("Slide your arms up and down a wall like a slow snow angel.");
/* Translators: the caution of the exercise “wall-angels”. */
N_("If a shoulder pinches, make the movement smaller.");
/* Translators: what the picture of the exercise “wall-angels” shows, read out to those who cannot see it. */
N_("A person stands with the back against a wall, seen from the front, the arms raised in a W with the elbows bent; arrows show the arms sliding up the wall.");
/* Translators: step 1 of the exercise “wall-angels”. */
N_("Stand with your heels a hand away from a wall, your back and head against it.");
/* Translators: step 2 of the exercise “wall-angels”. */
N_("Raise your arms in a W against the wall, then slowly slide them up and back down.");
/* Translators: the name of the exercise “cat-cow”. */
N_("Cat-cow");
/* Translators: the summary of the exercise “cat-cow”. */
N_("Round and arch your whole spine in time with your breath.");
/* Translators: the caution of the exercise “cat-cow”. */
N_("With a sore neck, keep the movement small.");
/* Translators: what the picture of the exercise “cat-cow” shows, read out to those who cannot see it. */
N_("A person on all fours rounds the back up, with an arrow pointing up; dashed lines show the back sinking and the head lifting for the other half of the movement.");
/* Translators: step 1 of the exercise “cat-cow”. */
N_("Kneel on all fours, hands under your shoulders, knees under your hips.");
/* Translators: step 2 of the exercise “cat-cow”. */
N_("Breathing out, round your back up; breathing in, let it sink and lift your chest.");
/* Translators: the name of the exercise “scapular-squeeze”. */
N_("Scapular squeeze");
/* Translators: the summary of the exercise “scapular-squeeze”. */
N_("Draw your shoulder blades together and hold.");
/* Translators: the caution of the exercise “scapular-squeeze”. */
N_("Keep your shoulders low: do not shrug.");
/* Translators: what the picture of the exercise “scapular-squeeze” shows, read out to those who cannot see it. */
N_("A person sits on a stool, seen from behind, and draws the shoulder blades together; arrows point in toward the spine.");
/* Translators: step 1 of the exercise “scapular-squeeze”. */
N_("Sit tall and squeeze your shoulder blades together and down. Hold.");
/* Translators: the name of the exercise “chin-tuck”. */
N_("Chin tuck");
/* Translators: the summary of the exercise “chin-tuck”. */
N_("Slide your head straight back to wake up the deep neck muscles.");
/* Translators: the caution of the exercise “chin-tuck”. */
N_("Not after a recent neck injury.");
/* Translators: what the picture of the exercise “chin-tuck” shows, read out to those who cannot see it. */
N_("A person sits on a chair, seen from the side, and slides the head straight back; a dashed outline shows where the head was, in front.");
/* Translators: step 1 of the exercise “chin-tuck”. */
N_("Sit tall, eyes level. Slide your chin straight back, as if making a double chin, and hold.");
/* Translators: the name of the exercise “doorway-chest”. */
N_("Doorway chest stretch");
/* Translators: the summary of the exercise “doorway-chest”. */
N_("Open a tight chest in a doorway.");
/* Translators: the caution of the exercise “doorway-chest”. */
N_("Leave it out if a shoulder tends to slip out of place.");
/* Translators: what the picture of the exercise “doorway-chest” shows, read out to those who cannot see it. */
N_("A person stands in a doorway, seen from the side, with both forearms on the door frame at shoulder height and one foot stepped through, leaning the chest forward; an arrow points the way of the lean.");
/* Translators: step 1 of the exercise “doorway-chest”. */
N_("Put your forearms on the door frame at shoulder height, step one foot through and lean gently forward until you feel a stretch across the chest. Hold.");
/* Translators: the name of the exercise “upper-trapezius”. */
N_("Upper trapezius stretch");
/* Translators: the summary of the exercise “upper-trapezius”. */
N_("Ease the side of the neck.");
/* Translators: the caution of the exercise “upper-trapezius”. */
N_("Let the hand rest on your head; do not pull.");
/* Translators: what the picture of the exercise “upper-trapezius” shows, read out to those who cannot see it. */
N_("A person sits on a chair, seen from the front, and tilts the head far over toward one shoulder, the hand on that side resting on top of the head and the other hand holding the seat.");
/* Translators: step 1 of the exercise “upper-trapezius”. */
N_("Hold the chair seat with your left hand. Tilt your right ear toward your right shoulder and rest your right hand on your head. Hold.");
/* Translators: step 2 of the exercise “upper-trapezius”. */
N_("Now the other way: hold the seat with your right hand, tilt your left ear toward your left shoulder. Hold.");
/* Translators: the name of the exercise “levator-scapulae”. */
N_("Levator scapulae stretch");
/* Translators: the summary of the exercise “levator-scapulae”. */
N_("Ease the back of the neck where it meets the shoulder blade.");
/* Translators: the caution of the exercise “levator-scapulae”. */
N_("Gently: a mild stretch, never pain.");
/* Translators: what the picture of the exercise “levator-scapulae” shows, read out to those who cannot see it. */
N_("A person sits on a chair, seen from the front, and lowers the head down toward one armpit, the hand on that side resting on the back of the head and the other hand on the thigh; a dashed circle shows where the head started.");
/* Translators: step 1 of the exercise “levator-scapulae”. */
N_("Turn your head toward your right armpit and let it nod down, your right hand resting on the back of your head. Hold.");
/* Translators: step 2 of the exercise “levator-scapulae”. */
N_("Now toward your left armpit, your left hand on the back of your head. Hold.");
/* Translators: the name of the exercise “seated-rotation”. */
N_("Seated thoracic rotation");
/* Translators: the summary of the exercise “seated-rotation”. */
N_("Turn your upper body while your hips face forward.");
/* Translators: the caution of the exercise “seated-rotation”. */
N_("Turn as far as is comfortable; do not force it.");
/* Translators: what the picture of the exercise “seated-rotation” shows, read out to those who cannot see it. */
N_("A person sits on a stool, seen from the front, the arms crossed on the chest, and turns the upper body to one side while the hips face forward; a curved arrow around the waist shows the turn.");
/* Translators: step 1 of the exercise “seated-rotation”. */
N_("Cross your arms on your chest and turn your upper body to the right, hips still. Hold.");
/* Translators: step 2 of the exercise “seated-rotation”. */
N_("Now turn to the left. Hold.");
/* Translators: the name of the exercise “open-book”. */
N_("Open book");
/* Translators: the summary of the exercise “open-book”. */
N_("Lying on your side, open your top arm like the cover of a book.");
/* Translators: the caution of the exercise “open-book”. */
N_("Keep your knees together so that the turn comes from your upper back.");
/* Translators: what the picture of the exercise “open-book” shows, read out to those who cannot see it. */
N_("A person lies on one side on the floor with the knees bent and stacked, and lifts the top arm up and over toward the floor behind, the chest turning with it; an arc arrow shows the way.");
/* Translators: step 1 of the exercise “open-book”. */
N_("Lie on your left side, knees bent and together, arms straight in front of you. Open your top arm across to the other side, follow it with your eyes, hold a moment, and close.");
/* Translators: step 2 of the exercise “open-book”. */
N_("Turn over onto your right side and open your left arm the same way.");
/* Translators: the name of the exercise “thread-the-needle”. */
N_("Thread the needle");
/* Translators: the summary of the exercise “thread-the-needle”. */
N_("On all fours, slide one arm under your body and let your upper back turn.");
/* Translators: the caution of the exercise “thread-the-needle”. */
N_("Stop if your arm tingles.");
/* Translators: what the picture of the exercise “thread-the-needle” shows, read out to those who cannot see it. */
N_("A person on hands and knees, one arm straight and supporting, slides the other arm under the chest along the floor and rests that shoulder and the head on the floor; an arrow shows the arm reaching through.");
/* Translators: step 1 of the exercise “thread-the-needle”. */
N_("On all fours, slide your right arm under your body to the left and rest your right shoulder and head on the floor. Hold.");
/* Translators: step 2 of the exercise “thread-the-needle”. */
N_("Come back and thread your left arm through to the right. Hold.");
/* Translators: the name of the exercise “shoulder-rolls”. */
N_("Shoulder rolls");
/* Translators: the summary of the exercise “shoulder-rolls”. */
N_("Slow circles that loosen the shoulders.");
/* Translators: the caution of the exercise “shoulder-rolls”. */
N_("Stay in a range that does not hurt.");
/* Translators: what the picture of the exercise “shoulder-rolls” shows, read out to those who cannot see it. */
N_("A person sits on a stool, seen from the front; round arrows over both shoulders show them circling.");
/* Translators: step 1 of the exercise “shoulder-rolls”. */
N_("Roll both shoulders up, back and down in slow, big circles.");
/* Translators: the name of the exercise “childs-pose”. */
N_("Child's pose");
/* Translators: the summary of the exercise “childs-pose”. */
N_("Sit back on your heels and rest, arms stretched forward.");
/* Translators: the caution of the exercise “childs-pose”. */
N_("Leave it out if your knees hurt when bent.");
/* Translators: what the picture of the exercise “childs-pose” shows, read out to those who cannot see it. */
N_("A person kneels and sits back on the heels, folded forward with the head down and the arms stretched out along the floor.");
/* Translators: step 1 of the exercise “childs-pose”. */
N_("Kneel, sit back on your heels and fold forward, arms stretched out on the floor. Breathe slowly.");
/* Translators: the name of the exercise “band-row”. */
N_("Resistance band row");
/* Translators: the summary of the exercise “band-row”. */
N_("Pull a band toward you to strengthen the muscles between the shoulder blades.");
/* Translators: the caution of the exercise “band-row”. */
N_("Let the band back slowly, and breathe out as you pull.");
/* Translators: what the picture of the exercise “band-row” shows, read out to those who cannot see it. */
N_("A person sits tall on a stool and pulls a band fixed to a post in front, the elbows drawn back along the sides; an arrow shows the pull.");
/* Translators: step 1 of the exercise “band-row”. */
N_("Sit tall holding the band fixed in front of you. Pull your elbows back along your sides, squeeze your shoulder blades, and let the band back slowly.");
/* Translators: the name of the exercise “plank”. */
N_("Plank");
/* Translators: the summary of the exercise “plank”. */
N_("Hold your body straight on your forearms to steady your spine.");
/* Translators: the caution of the exercise “plank”. */
N_("Stop if your lower back hurts.");
/* Translators: what the picture of the exercise “plank” shows, read out to those who cannot see it. */
N_("A person rests on the forearms and toes, the head, body and legs in one straight line from head to heels; a dotted line above shows the line.");
/* Translators: step 1 of the exercise “plank”. */
N_("Rest on your forearms and toes, your body in one straight line from head to heels. Hold and keep breathing.");
/* Translators: the name of the exercise “eye-break”. */
N_("20-20-20 eye break");
/* Translators: the summary of the exercise “eye-break”. */
N_("Look at something far away to rest your eyes.");
/* Translators: what the picture of the exercise “eye-break” shows, read out to those who cannot see it. */
N_("A person sits at a desk with a computer and looks past the screen at a picture on the far wall; a dashed line runs from the eyes to the picture.");
/* Translators: step 1 of the exercise “eye-break”. */
N_("Look at something at least 6 metres away and let your eyes relax.");
/* Translators: the name of the routine “desk-reset”. */
N_("Desk reset");
/* Translators: the summary of the routine “desk-reset”. */
N_("A quick loosen-up without leaving your chair.");
/* Translators: the name of the routine “neck-and-shoulders”. */
N_("Neck and shoulders");
/* Translators: the summary of the routine “neck-and-shoulders”. */
N_("Ease the neck and the tops of the shoulders.");
/* Translators: the name of the routine “upper-back”. */
N_("Upper back routine");
/* Translators: the summary of the routine “upper-back”. */
N_("Open, turn and strengthen the upper back.");
/* Translators: the name of the routine “band-strength”. */
N_("Band strengthening");
/* Translators: the summary of the routine “band-strength”. */
N_("A short daily strength routine with a resistance band.");
/* Translators: the name of the routine “eye-rest”. */
N_("Eye break");
/* Translators: the summary of the routine “eye-rest”. */
N_("Twenty seconds looking far away.");
