# SPDX-License-Identifier: GPL-3.0-or-later
'''python-dbusmock template: the part of gnome-session that a desktop
portal backend uses. RegisterClient hands out one client, on which the
test emits QueryEndSession, EndSession or CancelEndSession through the
mock's EmitSignal, and whose EndSessionResponse calls the mock records.'''

import dbus

BUS_NAME = 'org.gnome.SessionManager'
MAIN_OBJ = '/org/gnome/SessionManager'
MAIN_IFACE = 'org.gnome.SessionManager'
SYSTEM_BUS = False

CLIENT_PATH = '/org/gnome/SessionManager/Client1'
CLIENT_IFACE = 'org.gnome.SessionManager.ClientPrivate'


def load(mock, _parameters):
    mock.AddMethods(MAIN_IFACE, [
        ('RegisterClient', 'ss', 'o', f'ret = dbus.ObjectPath("{CLIENT_PATH}")'),
        ('Inhibit', 'susu', 'u', 'ret = 1'),
        ('Uninhibit', 'u', '', ''),
    ])
    mock.AddObject(CLIENT_PATH, CLIENT_IFACE, {}, [
        ('EndSessionResponse', 'bs', '', ''),
    ])
