/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "limber-clock.h"

G_BEGIN_DECLS

/**
 * limber_cli_clock_new:
 *
 * The clock of one command: its day starts at the hour the settings give
 * when Limber's settings are installed, at the default hour otherwise.
 */
LimberClock *limber_cli_clock_new (void);

G_END_DECLS
