# Copyright (c) mailops.smartermail contributors
# GNU General Public License v3.0+ (see LICENSES/GPL-3.0-or-later.txt or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

# Sphinx configuration for the mailops.smartermail docs site (make docs).
# Built offline: no intersphinx inventories are fetched, so references to Ansible's own
# documentation are left as plain text.
project = 'mailops.smartermail'
copyright = 'mailops.smartermail contributors'
title = 'mailops.smartermail documentation'
html_short_title = 'mailops.smartermail'

extensions = ['sphinx.ext.autodoc', 'sphinx_antsibull_ext']
pygments_style = 'ansible'
highlight_language = 'YAML+Jinja'
html_theme = 'sphinx_ansible_theme'
html_show_sphinx = False
display_version = False
html_use_smartypants = True
html_use_modindex = False
html_use_index = False
html_copy_source = False
default_role = 'any'
nitpicky = False
