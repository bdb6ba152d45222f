# SPDX-License-Identifier: GPL-3.0-or-later
'''python-dbusmock template: the desktop portal's Background interface,
answering as xdg-desktop-portal does. RequestBackground returns the handle
of its request, /org/freedesktop/portal/desktop/request/SENDER/TOKEN, which
the caller worked out and listens on before it called; then the Response
signal comes on that handle, sent to the caller alone, and the request is
gone. The mock's call log (GetCalls) keeps what was asked.

Parameters:
  response   the Response code: 0 granted (the default), 1 refused by the
             person, 2 failed
  autostart  with response 0: FALSE when the desktop did not set up the
             start at login that was asked for (default: as asked)'''

import dbus
import dbus.lowlevel
from gi.repository import GLib

BUS_NAME = 'org.freedesktop.portal.Desktop'
MAIN_OBJ = '/org/freedesktop/portal/desktop'
MAIN_IFACE = 'org.freedesktop.portal.Background'
SYSTEM_BUS = False

REQUEST_IFACE = 'org.freedesktop.portal.Request'


def load(mock, parameters):
    mock.response = int(parameters.get('response', 0))
    mock.grant_autostart = bool(parameters.get('autostart', True))
    # Version 1: RequestBackground only, as in xdg-desktop-portal 1.16.
    mock.AddProperties(MAIN_IFACE, {'version': dbus.UInt32(1)})


def respond(mock, handle, sender, response, results):
    signal = dbus.lowlevel.SignalMessage(handle, REQUEST_IFACE, 'Response')
    signal.append(dbus.UInt32(response), dbus.Dictionary(results, signature='sv'),
                  signature='ua{sv}')
    signal.set_destination(sender)
    mock.connection.send_message(signal)
    mock.RemoveObject(handle)
    return False


@dbus.service.method(MAIN_IFACE, in_signature='sa{sv}', out_signature='o',
                     sender_keyword='sender')
def RequestBackground(self, _parent_window, options, sender):
    token = str(options['handle_token'])
    handle = dbus.ObjectPath(f'{MAIN_OBJ}/request/{sender[1:].replace(".", "_")}/{token}')
    results = {}
    if self.response == 0:
        asked = bool(options.get('autostart', False))
        results = {
            'background': dbus.Boolean(True),
            'autostart': dbus.Boolean(asked and self.grant_autostart),
        }

    self.AddObject(handle, REQUEST_IFACE, {}, [('Close', '', '', '')])
    # After the reply, as the portal asks the person first.
    GLib.idle_add(respond, self, handle, sender, self.response, results)
    return handle
