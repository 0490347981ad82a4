// The native addon package, through its CommonJS entry.
'use strict';
const api = require('..');
const { registerVectorTests } = require('../../tests/js/register.cjs');
const { registerHostTests } = require('../../tests/js/host.cjs');
const { registerServerTests } = require('../../tests/js/servers.cjs');
const { registerSecretCorpusTest } = require('../../tests/js/secrets.cjs');

registerVectorTests('native', api);
registerHostTests('native', api);
registerServerTests('native', api);
registerSecretCorpusTest('native', api);
