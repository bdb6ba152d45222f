#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# What a Flathub reviewer checks in the metainfo beyond what this
# distribution's appstreamcli knows: a developer with an id (not the
# deprecated developer_name), a summary of at most 35 characters, keywords,
# every screenshot in the repository shown with a caption, at an address
# that stays (the release's tag, not a branch), and a release entry for
# this version that says what changed.
#
#   check-metainfo.py METAINFO SCREENSHOTS_DIR VERSION

import os
import sys
import xml.etree.ElementTree as ET

metainfo, screenshots_dir, version = sys.argv[1:4]
root = ET.parse(metainfo).getroot()
problems = []


def untranslated(parent, tag):
    lang = '{http://www.w3.org/XML/1998/namespace}lang'
    return [e for e in parent.findall(tag) if lang not in e.attrib]


if root.find('developer_name') is not None:
    problems.append('<developer_name> is deprecated: use <developer id="..."><name>')
developer = root.find('developer')
if developer is None or not developer.get('id') or not untranslated(developer, 'name'):
    problems.append('no <developer> with an id and a <name>')

summary = untranslated(root, 'summary')
if len(summary) != 1:
    problems.append('there must be one untranslated <summary>')
elif len(summary[0].text.strip()) > 35:
    problems.append(f'the summary "{summary[0].text.strip()}" is {len(summary[0].text.strip())} characters long; at most 35')

keywords = root.find('keywords')
if keywords is None or not untranslated(keywords, 'keyword'):
    problems.append('no <keywords>')

listed = []
for shot in root.iter('screenshot'):
    image = shot.find('image')
    name = os.path.basename(image.text.strip()) if image is not None else '(no image)'
    listed.append(name)
    if not untranslated(shot, 'caption'):
        problems.append(f'the screenshot {name} has no caption')
    if image is not None and f'/v{version}/' not in image.text:
        problems.append(f'the screenshot {name} is not at the tag v{version}: {image.text.strip()}')
    if not os.path.exists(os.path.join(screenshots_dir, name)):
        problems.append(f'the screenshot {name} is not in {screenshots_dir}')
for name in sorted(os.listdir(screenshots_dir)):
    if name.endswith('.png') and name not in listed:
        problems.append(f'{name} in {screenshots_dir} is not listed as a screenshot')
if sum(1 for s in root.iter('screenshot') if s.get('type') == 'default') != 1:
    problems.append('exactly one screenshot must be the default')

releases = root.findall('releases/release')
if not releases or releases[0].get('version') != version:
    problems.append(f'the newest <release> is not {version}, the project version')
elif releases[0].find('description') is None or not ''.join(releases[0].find('description').itertext()).strip():
    problems.append(f'the release {version} does not say what changed')

for problem in problems:
    print(f'{metainfo}: {problem}')
sys.exit(1 if problems else 0)
