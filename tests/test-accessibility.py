#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a screen reader hears: the real limber, with its daemon and a journal
# of a few days (red flags among them), read through AT-SPI as Orca reads
# it. Every window is visited: the set-up assistant of a first start, step
# by step, each page of the main window and its menu,
# the preferences, the keyboard shortcuts, the About window, the guided
# stretch window with its “Stop the Stretch?” dialog and its last page,
# the confirmation before a journal entry is deleted (if there is one) and
# any window a toggle opens. In each, every control a person can reach
# must have a name of its own, not a type name, said once, and a toggle
# its state.
#
# Usage: test-accessibility.py LIMBER
#
# All failures are printed before the test fails. Skipped (77) only when
# pyatspi is not installed.

import csv
import datetime
import os
import re
import subprocess
import sys
import tempfile
import time

# G_DEBUG=fatal-warnings is for limber, which gets it from the environment;
# in this process it would make libatspi's notes about the registry fatal.
LIMBER_ENVIRONMENT = dict(os.environ)
os.environ.pop("G_DEBUG", None)

try:
    import gi

    gi.require_version("Atspi", "2.0")
    from gi.repository import Atspi, GLib
    import pyatspi
except (ImportError, ValueError) as error:
    print(f"SKIP: pyatspi is not installed ({error})")
    sys.exit(77)

# Roles a person acts on; a node with one of them is checked even when it
# says it cannot take focus.
ACTIONABLE_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON,
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_SLIDER,
    pyatspi.ROLE_SPIN_BUTTON,
    pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_PASSWORD_TEXT,
    pyatspi.ROLE_LINK,
    pyatspi.ROLE_COMBO_BOX,
    pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_MENU_ITEM,
    pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM,
}
# Roles whose state is on or off. GTK 4.8 says only “on” over AT-SPI, so
# one that is off is toggled to see that it says so (and toggled back).
TOGGLE_ROLES = {
    pyatspi.ROLE_TOGGLE_BUTTON,
    pyatspi.ROLE_CHECK_BOX,
    pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_CHECK_MENU_ITEM,
    pyatspi.ROLE_RADIO_MENU_ITEM,
}
TOGGLE_STATES = (pyatspi.STATE_CHECKED, pyatspi.STATE_PRESSED, pyatspi.STATE_INDETERMINATE)
# Wrappers: with focus and no name a screen reader says only “panel”.
WRAPPER_ROLES = {
    pyatspi.ROLE_PANEL,
    pyatspi.ROLE_FILLER,
    pyatspi.ROLE_SECTION,
    pyatspi.ROLE_UNKNOWN,
    pyatspi.ROLE_REDUNDANT_OBJECT,
    pyatspi.ROLE_TABLE_CELL,
}
# A scrolled window or a list is a Tab stop of its own only when nothing
# inside it can take focus; else focus goes to what is inside, and GTK
# 4.8's name for it (its type, when nothing names it) is not what a
# screen reader stops at.
CONTAINER_ROLES = {
    pyatspi.ROLE_SCROLL_PANE,
    pyatspi.ROLE_VIEWPORT,
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TREE_TABLE,
}
# Controls inside a button are part of it, not Tab stops.
BUTTON_ROLES = {pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_PAGE_TAB}
# What a screen reader says on the way into a control, and so what tells
# two controls of the same name apart.
CONTEXT_ROLES = {
    pyatspi.ROLE_LIST,
    pyatspi.ROLE_LIST_BOX,
    pyatspi.ROLE_LIST_ITEM,
    pyatspi.ROLE_TABLE,
    pyatspi.ROLE_TABLE_ROW,
    pyatspi.ROLE_TREE,
    pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_TREE_ITEM,
    pyatspi.ROLE_GROUPING,
}
WINDOW_ROLES = {pyatspi.ROLE_FRAME, pyatspi.ROLE_DIALOG, pyatspi.ROLE_ALERT, pyatspi.ROLE_WINDOW}
LEAF_ROLES = {pyatspi.ROLE_LABEL, pyatspi.ROLE_IMAGE, pyatspi.ROLE_ICON, pyatspi.ROLE_SEPARATOR,
              pyatspi.ROLE_STATIC}
# GTK 4.8 names a widget nothing else names after its type.
TYPE_NAME = re.compile(r"^(Gtk|Adw|Limber)[A-Z]\w*$")

failures = []
# Under the sanitizers limber takes many times as long to do anything.
SLOWDOWN = 6 if "ASAN_OPTIONS" in os.environ else 1
# The window's process: waiting on it is over once it has ended.
limber_process = None


def log(message):
    print(message, flush=True)


def wait_for(what, predicate, timeout_s=15.0):
    deadline = time.monotonic() + timeout_s * SLOWDOWN
    while True:
        if limber_process is not None and limber_process.poll() is not None:
            raise RuntimeError(f"limber ended (status {limber_process.returncode}) while waiting for {what}")
        try:
            result = predicate()
        except GLib.Error:
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out waiting for {what}")
        time.sleep(0.05)


# Reading the tree. Any call can fail while a widget goes away: such a
# node reads as empty.

def name_of(node):
    try:
        return node.name or ""
    except GLib.Error:
        return ""


def role_of(node):
    try:
        return node.getRole()
    except GLib.Error:
        return pyatspi.ROLE_INVALID


def role_name(node):
    try:
        return node.getRoleName()
    except GLib.Error:
        return "?"


def states_of(node):
    try:
        return set(node.getState().getStates())
    except GLib.Error:
        return set()


def children_of(node):
    try:
        return [child for child in node if child is not None]
    except GLib.Error:
        return []


def is_leaf(node):
    """Text and pictures: nothing inside, nothing to act on (unless they
    take focus, as a selectable label does)."""
    return role_of(node) in LEAF_ROLES and pyatspi.STATE_FOCUSABLE not in states_of(node)


def has_area(node):
    """False for what is not drawn: the narrow view switcher, the bottom
    switcher bar while it is hidden. Nodes without a Component (GTK's
    stack pages) count as drawn."""
    try:
        extents = node.queryComponent().getExtents(pyatspi.WINDOW_COORDS)
    except (NotImplementedError, GLib.Error):
        return True
    return extents.width > 0 and extents.height > 0


def actions_of(node):
    try:
        action = node.queryAction()
    except (NotImplementedError, GLib.Error):
        return []
    names = []
    for index in range(action.nActions):
        try:
            names.append(action.getName(index))
        except GLib.Error:
            names.append("")
    return names


def do_action(node, wanted=None):
    """Runs @node's action called @wanted, or its first."""
    action = node.queryAction()
    names = actions_of(node)
    index = names.index(wanted) if wanted is not None else 0
    if not action.doAction(index):
        raise RuntimeError(f"{role_name(node)} “{name_of(node)}” did not do {names[index]}")


def labelled_by(node):
    try:
        relations = node.getRelationSet()
    except GLib.Error:
        return None
    for relation in relations:
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            return [name_of(relation.getTarget(i)) for i in range(relation.getNTargets())]
    return None


def describe(node):
    name = name_of(node)
    return f"{role_name(node)} “{name}”" if name else role_name(node)


def describe_path(ancestors):
    """The ancestors as role “name” > …, runs of unnamed wrappers
    counted, so that the node can be found in a dump of the tree."""
    parts = []
    for node in ancestors:
        text = describe(node)
        if parts and parts[-1][0] == text:
            parts[-1][1] += 1
        else:
            parts.append([text, 1])
    return " > ".join(text if count == 1 else f"{text} ×{count}" for text, count in parts)


def find(node, predicate, skip_hidden=True):
    """The first node under @node, depth first, @predicate accepts."""
    if predicate(node):
        return node
    if is_leaf(node):
        return None
    for child in children_of(node):
        if skip_hidden and not has_area(child):
            continue
        found = find(child, predicate, skip_hidden)
        if found is not None:
            return found
    return None


def find_all(node, predicate):
    found = []
    if predicate(node):
        found.append(node)
    if is_leaf(node):
        return found
    for child in children_of(node):
        if has_area(child):
            found.extend(find_all(child, predicate))
    return found


# The checks.

def repeats_itself(name):
    """“Remind Me Remind Me”, or “Take a _Break Now Take a Break Now”: a
    name that is the same words twice, mnemonic underlines aside."""
    words = name.replace("_", "").split()
    half = len(words) // 2
    return len(words) >= 2 and len(words) % 2 == 0 and words[:half] == words[half:]


def named_twice(node, name):
    """GTK 4.8 joins a label property and the labels of labelled-by: a
    name with both is said as two names."""
    labels = labelled_by(node)
    if not labels:
        return False
    joined = " ".join(label for label in labels if label)
    return joined != "" and name != joined and name.endswith(" " + joined)


def toggle_state_exposed(node, app, where):
    """An off toggle is switched on and back to see that it says so. A
    window it opens (a red flag’s advice) is checked and closed first."""
    if states_of(node) & set(TOGGLE_STATES):
        return True
    if not actions_of(node) or pyatspi.STATE_SENSITIVE not in states_of(node):
        return True  # cannot be switched: nothing to find out
    before = windows_of(app)
    do_action(node)
    try:
        wait_for("the state to show", lambda: states_of(node) & set(TOGGLE_STATES), 2.0)
        exposed = True
    except TimeoutError:
        exposed = False
    for window in windows_of(app):
        if window not in before:
            check_window(window, f"{where}: the window it opens")
            close_dialog(app, window)
    if role_of(node) != pyatspi.ROLE_RADIO_BUTTON and exposed:
        do_action(node)
        wait_for("the state to clear", lambda: not states_of(node) & set(TOGGLE_STATES), 2.0)
        for window in windows_of(app):
            if window not in before:
                close_dialog(app, window)
    return exposed


class Walk:
    """The controls of one window or page, and what is wrong with them."""

    def __init__(self, app, where):
        self.app = app
        self.where = where
        self.checked = []  # (node, ancestors)

    def fail(self, node, ancestors, problem):
        failures.append(f"{self.where}: {describe(node)}: {problem}\n    at {describe_path(ancestors)}")

    def walk(self, node, ancestors=(), skip=None, in_button=False, top=True):
        """Checks what is on show, as a screen reader meets it: what is
        not drawn (a collapsed expander, a closed search bar, the other
        pages of a stack) is checked when it is opened. Text and pictures
        are read, not acted on: they are passed over."""
        if skip is not None and skip(node):
            return
        role = role_of(node)
        if role in LEAF_ROLES or not (top or has_area(node)):
            return
        states = states_of(node)
        focusable = pyatspi.STATE_FOCUSABLE in states
        checked = (focusable or role in ACTIONABLE_ROLES) and not (in_button and role not in BUTTON_ROLES)
        if checked:
            self.check(node, role, states, ancestors)
        ancestors = ancestors + (node,)
        for child in children_of(node):
            self.walk(child, ancestors, skip, in_button or (checked and role in BUTTON_ROLES), False)

    def check(self, node, role, states, ancestors):
        name = name_of(node).strip()
        focusable = pyatspi.STATE_FOCUSABLE in states

        if role in CONTAINER_ROLES:
            if (not name or TYPE_NAME.match(name)) and not find(
                    node, lambda n: n != node and pyatspi.STATE_FOCUSABLE in states_of(n)):
                self.fail(node, ancestors, "takes focus with nothing inside that can, and has no name of its own")
            return
        if not name:
            if role in WRAPPER_ROLES:
                self.fail(node, ancestors, "a wrapper without a name takes focus")
            else:
                self.fail(node, ancestors, "has no name")
            return
        if TYPE_NAME.match(name):
            if role in WRAPPER_ROLES and focusable:
                self.fail(node, ancestors, "a wrapper without a name takes focus: it is announced by its type name")
            else:
                self.fail(node, ancestors, "is announced by its type name")
            return
        if repeats_itself(name):
            self.fail(node, ancestors, "its name says the same twice")
        elif named_twice(node, name):
            self.fail(node, ancestors,
                      f"is named twice, by a label and by “{' '.join(labelled_by(node))}”: drop one")
        if role in TOGGLE_ROLES:
            if not toggle_state_exposed(node, self.app, self.where):
                self.fail(node, ancestors, "does not say whether it is on (checked or pressed)")
        self.checked.append((node, ancestors))

    def check_duplicates(self):
        """Two controls of one role and name are one too many, unless a
        list or row a screen reader announces on the way in tells them
        apart, or they are never shown together (pages of one stack), or
        one is inside the other (GtkMenuButton’s own button)."""
        seen = {}
        for node, ancestors in self.checked:
            key = (role_of(node), name_of(node).strip())
            seen.setdefault(key, []).append((node, ancestors))
        for (role, name), nodes in seen.items():
            for i, (a, a_path) in enumerate(nodes):
                for b, b_path in nodes[i + 1:]:
                    if a in b_path or b in a_path:
                        continue
                    if context_of(a_path) != context_of(b_path):
                        continue
                    if on_different_stack_pages(a_path, b_path):
                        continue
                    self.fail(b, b_path,
                              f"has the same role and name as another control here, at {describe_path(a_path)}")


def context_of(ancestors):
    return tuple(name_of(node) for node in ancestors if role_of(node) in CONTEXT_ROLES)


def on_different_stack_pages(a_path, b_path):
    for a, b in zip(a_path, b_path):
        if a != b:
            return name_of(a) == "GtkStackPage" and name_of(b) == "GtkStackPage"
    return False


def windows_of(app):
    return [window for window in children_of(app) if role_of(window) in WINDOW_ROLES]


def check_window_name(window, where):
    name = name_of(window).strip()
    if not name or TYPE_NAME.match(name):
        failures.append(f"{where}: {describe(window)}: the window has no title of its own")


def tabs_of(window):
    """The page tabs on show: the view switcher in the header bar."""
    tab_list = find(window, lambda n: role_of(n) == pyatspi.ROLE_PAGE_TAB_LIST and has_area(n))
    if tab_list is None:
        return []
    return [tab for tab in children_of(tab_list) if role_of(tab) == pyatspi.ROLE_PAGE_TAB]


def pages_behind(window, tab_names):
    """The node whose children are the pages of @tab_names, named after
    their tabs; None when the pages have no such names."""
    def is_first_page(node):
        return name_of(node) == tab_names[0] and role_of(node) not in (pyatspi.ROLE_PAGE_TAB, pyatspi.ROLE_LABEL)

    first_page = find(window, is_first_page)
    if first_page is None:
        return None
    stack = first_page.parent
    if not set(tab_names) <= {name_of(page) for page in children_of(stack)}:
        return None
    return stack


def selected_tab(tabs):
    for tab in tabs:
        if states_of(tab) & {pyatspi.STATE_SELECTED, pyatspi.STATE_PRESSED}:
            return name_of(tab)
    return None


def visit(tabs, tab_name):
    """Shows the page of the tab called @tab_name, as a click on it would."""
    do_action(next(tab for tab in tabs if name_of(tab) == tab_name))
    wait_for(f"the {tab_name} page", lambda: selected_tab(tabs) == tab_name)


def ancestors_of(node):
    path = []
    parent = node.parent
    while parent is not None and role_of(parent) != pyatspi.ROLE_APPLICATION:
        path.insert(0, parent)
        parent = parent.parent
    return tuple(path)


def check_window(window, where):
    """Checks @window: what is around its pages once, then each page after
    a visit to it, through its tab."""
    check_window_name(window, where)
    tabs = tabs_of(window)
    tab_names = [name_of(tab) for tab in tabs]
    stack = pages_behind(window, tab_names) if len(tabs) > 1 else None
    if len(tabs) > 1 and stack is None:
        failures.append(f"{where}: the pages behind the tabs {tab_names} are not named after them, so a "
                        "screen reader cannot say which page it is in (and this test cannot tell them apart)")
    pages = children_of(stack) if stack is not None else []
    walk = Walk(app_of(window), where)
    walk.walk(window, skip=lambda n: n in pages)
    walk.check_duplicates()

    for tab_name in tab_names if stack is not None else []:
        visit(tabs, tab_name)
        # Only the page on show: the others are still in the tree.
        page = next(page for page in pages if name_of(page) == tab_name)
        walk = Walk(app_of(window), f"{where}, page “{tab_name}”")
        walk.walk(page, ancestors_of(page))
        walk.check_duplicates()


def app_of(node):
    return node.getApplication()


def is_gone(window):
    """A window there says at least that it is visible; one destroyed
    answers nothing."""
    return not states_of(window)


def wait_until_closed(app, window):
    """Asks the window itself until it is destroyed: listing the
    application's windows while one is being destroyed makes GTK 4.8
    refer to it by no path (a critical). A window that only hides (the
    keyboard shortcuts) is looked for in the list once it has had time."""
    try:
        wait_for("the window to close", lambda: is_gone(window), 2.0)
    except TimeoutError:
        wait_for("the window to close", lambda: window not in windows_of(app), 5.0)


def close_window(app, window):
    do_action(window, "window.close")
    wait_until_closed(app, window)


def close_dialog(app, window):
    """Answers a dialog the way Escape would: with its close response,
    else the first of its buttons."""
    if "window.close" in actions_of(window):
        do_action(window, "window.close")
    else:
        buttons = find_all(window, lambda n: role_of(n) == pyatspi.ROLE_PUSH_BUTTON)
        do_action(buttons[0])
    wait_until_closed(app, window)


def run_limber(limber, *arguments):
    """`limber ARGUMENTS`, which hands its request to the running limber
    and ends; one that becomes limber itself (the first has gone) is
    stopped."""
    try:
        subprocess.run([limber, *arguments], check=True, env=LIMBER_ENVIRONMENT, timeout=30 * SLOWDOWN)
    except subprocess.TimeoutExpired:
        raise RuntimeError(f"limber {' '.join(arguments)} did not end") from None


def new_window(app, before, what, timeout_s=15.0):
    return wait_for(what, lambda: next((w for w in windows_of(app) if w not in before
                                         and name_of(w) != ""), None), timeout_s)


# The journal: ten days of pain, two with red flags, as `limber import`
# takes them.

def write_journal(limber, directory):
    today = datetime.date.today()
    path = os.path.join(directory, "journal.csv")
    fields = ["uuid", "day", "average", "worst", "activity", "enjoyment", "regions", "red_flags",
              "note", "created", "updated"]
    with open(path, "w", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(fields)
        for days_back in range(1, 11):
            day = today - datetime.timedelta(days=days_back)
            stamp = f"{day.isoformat()}T20:00:00+00:00"
            flags = {2: "night-or-worsening", 5: "chest;arm-or-jaw"}.get(days_back, "")
            writer.writerow([f"6f1c2a4e-0000-4000-8000-{days_back:012d}", day.isoformat(),
                             3 + days_back % 4, 5 + days_back % 4, 2, 3,
                             "neck;between-shoulder-blades", flags, "Long day at the desk",
                             stamp, stamp])
    subprocess.run([limber, "import", path], check=True, stdout=subprocess.DEVNULL, env=LIMBER_ENVIRONMENT)


def first_ids(limber):
    """A routine and a single stretch, as `limber stretch` lists them."""
    listing = subprocess.run([limber, "stretch"], check=True, capture_output=True, text=True,
                             env=LIMBER_ENVIRONMENT).stdout
    ids = {}
    section = None
    for line in listing.splitlines():
        if line and not line.startswith(" "):
            section = line
        elif line.strip() and section not in ids:
            ids[section] = line.split()[0]
    return list(ids.values())


def accessibility_bus_missing():
    """Why the session has no accessibility bus, or None. Without one
    libatspi aborts this process, and GTK has nothing to tell."""
    ask = subprocess.run(["gdbus", "call", "--session", "--dest", "org.a11y.Bus",
                          "--object-path", "/org/a11y/bus", "--method", "org.a11y.Bus.GetAddress"],
                         capture_output=True, text=True)
    if ask.returncode != 0:
        return f"the session has no accessibility bus (is at-spi2-core installed?): {ask.stderr.strip()}"
    if os.environ.get("GTK_A11Y", "atspi") != "atspi":
        return f"GTK_A11Y={os.environ['GTK_A11Y']} keeps limber off the accessibility bus"
    return None


def main():
    if len(sys.argv) != 2:
        print("usage: test-accessibility.py LIMBER", file=sys.stderr)
        return 2
    limber = os.path.abspath(sys.argv[1])

    missing = accessibility_bus_missing()
    if missing is not None:
        log(f"FAIL {missing}")
        return 1

    with tempfile.TemporaryDirectory() as directory:
        write_journal(limber, directory)
        routine_id, stretch_id = first_ids(limber)[:2]

        global limber_process
        limber_process = subprocess.Popen([limber], env=LIMBER_ENVIRONMENT)
        try:
            run(limber, routine_id, stretch_id)
        except Exception as error:  # noqa: BLE001 - reported with the others
            failures.append(f"limber could not be visited: {type(error).__name__}: {error}")
        finally:
            if limber_process.poll() is not None:
                failures.append(f"limber ended on its own, with status {limber_process.returncode}")
            else:
                limber_process.terminate()
                limber_process.wait(10)

    if failures:
        log(f"\n{len(failures)} accessibility failure(s):\n")
        for failure in failures:
            log(f"FAIL {failure}\n")
        return 1
    log("All windows passed.")
    return 0


def phase(what, function):
    """Runs one part of the visit; one that breaks is a failure, and the
    visit goes on."""
    started = time.monotonic()
    if limber_process.poll() is not None:
        return
    try:
        function()
    except Exception as error:  # noqa: BLE001 - reported with the others
        failures.append(f"{what}: could not be checked: {type(error).__name__}: {error}")
    log(f"# {what}: {time.monotonic() - started:.1f} s")


def run(limber, routine_id, stretch_id):
    # Each call waits for limber's answer as long as a slow (sanitized)
    # build takes, not libatspi's default of under a second.
    Atspi.set_timeout(10000 * SLOWDOWN, 30000 * SLOWDOWN)
    desktop = pyatspi.Registry.getDesktop(0)
    app = wait_for("limber on the accessibility bus",
                   lambda: next((a for a in desktop if a is not None and name_of(a) == "limber"), None), 20.0)
    # Read every property that can change from the application, not from
    # a cache that only its events (which nothing here waits for) would
    # update. A node's role and interfaces do not change.
    app.setCacheMask(Atspi.Cache.ROLE | Atspi.Cache.INTERFACES)
    main_window = wait_for("the main window", lambda: next(iter(windows_of(app)), None))
    # The daemon is up when the Today page offers a break.
    wait_for("the daemon", lambda: find(main_window, lambda n: role_of(n) == pyatspi.ROLE_PUSH_BUTTON
                                        and "Break" in name_of(n)), 20.0)

    def open_with(what, start):
        before = windows_of(app)
        start()
        return new_window(app, before, what)

    def main_pages():
        check_window(main_window, "main window")

    def setup_assistant():
        # On a first start the set-up assistant opens over the window:
        # each of its steps is visited, then it is closed, which keeps
        # the defaults.
        #
        # It is looked for among all of limber's top-level nodes, by its title
        # alone: GTK 4.8 at times gives a window opened while the main
        # window is still being mapped the role “filler” instead of
        # “frame” (and no “showing” state), for good, so a search among
        # the windows by their role never finds it. Nor is it looked for
        # as “a window that was not there before”: the main menu's item
        # only brings an assistant already open to the front.
        def assistant():
            return next((w for w in children_of(app) if name_of(w) == "Set Up Limber"), None)

        try:
            window = wait_for("the set-up assistant", assistant, 30.0)
        except TimeoutError:
            log("note: the set-up assistant did not open by itself; opened from the main menu")
            do_action(main_window, "win.setup")
            window = wait_for("the set-up assistant", assistant)
        if role_of(window) not in WINDOW_ROLES:
            log(f"note: GTK gives the set-up assistant the role {role_name(window)}, not a window's")

        def step_shown(number):
            # The subtitle says which step is on show.
            return find(window, lambda n: role_of(n) == pyatspi.ROLE_LABEL
                        and name_of(n) == f"Step {number} of 7")

        def buttons():
            """The buttons on show, by name: one reading of the tree."""
            return {name_of(n): n for n in find_all(window, lambda n: role_of(n) == pyatspi.ROLE_PUSH_BUTTON
                                                    and has_area(n))}

        def desk_check(shown):
            # The last step opens the desk check, a window of its own.
            button = next((n for name, n in shown.items() if name.startswith("Check Your Desk")), None)
            if button is None:
                failures.append("set-up assistant, last step: no button to check the desk")
                return
            # Looked for by its title, like the assistant itself.
            do_action(button)
            desk = wait_for("the desk check", lambda: next(
                (w for w in children_of(app) if name_of(w) == "Check Your Desk"), None))
            check_window(desk, "desk check")
            close_window(app, desk)

        for step in range(1, 8):
            wait_for(f"step {step} of the set-up assistant", lambda: step_shown(step))
            check_window(window, f"set-up assistant, step {step}")
            shown = buttons()
            if step == 1 and "Skip This Step" in shown:
                failures.append("set-up assistant, step 1: offers to skip a step that has nothing to choose")
            if "Finish" in shown:
                desk_check(shown)
                break
            # Skipped where it can be, so that nothing is chosen; the
            # first step is only read.
            forward = shown.get("Skip This Step") or shown.get("Next")
            if forward is None:
                failures.append(f"set-up assistant, step {step}: neither Skip nor Next")
                break
            do_action(forward)
        else:
            failures.append("set-up assistant: no Finish on its last step")
        close_window(app, window)

    def main_menu():
        menu_button = find(main_window, lambda n: role_of(n) == pyatspi.ROLE_PUSH_BUTTON
                           and pyatspi.STATE_FOCUSABLE in states_of(n)
                           and name_of(n) in ("Main Menu", "GtkMenuButton"))
        do_action(menu_button)
        # The menu opens inside the menu button (GtkMenuButton around its
        # own button).
        menu = wait_for("the main menu", lambda: find(menu_button.parent,
                                                      lambda n: role_of(n) == pyatspi.ROLE_MENU_ITEM))
        walk = Walk(app, "main window, main menu")
        walk.walk(menu.parent)
        walk.check_duplicates()
        do_action(menu_button)

    def shortcuts():
        window = open_with("the keyboard shortcuts window",
                           lambda: do_action(main_window, "win.show-help-overlay"))
        check_window(window, "keyboard shortcuts window")
        close_window(app, window)

    def about():
        # The application's action over D-Bus, as the menu's item calls it.
        window = open_with("the About window", lambda: subprocess.run(
            ["gdbus", "call", "--session", "--dest", "io.github.limberapp.Limber",
             "--object-path", "/io/github/limberapp/Limber",
             "--method", "org.gtk.Actions.Activate", "about", "[]", "{}"],
            check=True, stdout=subprocess.DEVNULL))
        check_window(window, "About window")
        close_window(app, window)

    def preferences():
        window = open_with("the preferences", lambda: run_limber(limber, "--preferences"))
        check_window(window, "preferences window")
        close_window(app, window)

    def journal_delete():
        # Deleting an entry asks first, or not.
        tabs = tabs_of(main_window)
        visit(tabs, "Journal")
        page = find(pages_behind(main_window, [name_of(tab) for tab in tabs]),
                    lambda n: name_of(n) == "Journal")
        delete = find(page, lambda n: role_of(n) == pyatspi.ROLE_PUSH_BUTTON
                      and name_of(n).startswith("Delete"))
        if delete is None:
            log("note: no button to delete a journal entry was found")
            return
        before = windows_of(app)
        do_action(delete)
        try:
            dialog = new_window(app, before, "a confirmation", 2.0)
        except TimeoutError:
            log("note: deleting a journal entry asks nothing first")
            return
        check_window(dialog, "main window, page “Journal”: the delete confirmation")
        close_dialog(app, dialog)

    def stretch_stopped():
        # Stopped midway: the “Stop the Stretch?” dialog.
        window = open_with("the stretch window", lambda: run_limber(limber, "stretch", routine_id))
        # Past “get ready”: less than three seconds of stretching are
        # closed without a question.
        do_action(window, "stretch.next")
        started = time.monotonic()
        check_window(window, "stretch window")
        time.sleep(max(0.0, 3.5 - (time.monotonic() - started)))
        dialog = open_with("the “Stop the Stretch?” dialog", lambda: do_action(window, "window.close"))
        check_window(dialog, "stretch window: “Stop the Stretch?” dialog")
        do_action(find(dialog, lambda n: role_of(n) == pyatspi.ROLE_PUSH_BUTTON and "Stop" in name_of(n)))
        wait_until_closed(app, dialog)
        wait_until_closed(app, window)

    def stretch_finished():
        # Stepped through to the end: the page that asks about pain.
        window = open_with("the stretch window", lambda: run_limber(limber, "stretch", stretch_id))
        for _ in range(50):
            try:
                do_action(window, "stretch.next")
            except (RuntimeError, ValueError, GLib.Error):
                break  # gone or disabled: the last step is done
            time.sleep(0.05)
        check_window(window, "stretch window, finished")
        # Finished, it closes without a question.
        close_window(app, window)

    phase("set-up assistant", setup_assistant)
    phase("main window pages", main_pages)
    phase("main menu", main_menu)
    phase("keyboard shortcuts window", shortcuts)
    phase("About window", about)
    phase("preferences window", preferences)
    phase("journal entry deletion", journal_delete)
    phase("stretch window, stopped", stretch_stopped)
    phase("stretch window, finished", stretch_finished)


if __name__ == "__main__":
    sys.exit(main())
