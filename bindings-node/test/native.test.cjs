// The native addon package through its CommonJS entry, the raw napi surface under it,
// webhook servers and the secret corpus.
'use strict';
const api = require('..');
const { registerCoverageTest, registerHostValueTests, registerVectorTests } = require('../../tests/js/register.cjs');
const { internalsOf, registerHostTests, registerRawTests } = require('../../tests/js/host.cjs');
const { registerServerTests } = require('../../tests/js/servers.cjs');
const { registerMarkerTest, registerSecretCorpusTest } = require('../../tests/js/secrets.cjs');

// The same addon bound with the test-only functions (not in the package's exports).
const internals = internalsOf(require('../api.cjs'), require('../native.js'));
registerVectorTests('native cjs', api);
registerCoverageTest('native cjs', api);
registerHostTests('native cjs', api, internals);
registerHostValueTests('native cjs', api);
registerRawTests('native', require('../native.js'));
registerServerTests('native', api);
registerSecretCorpusTest('native', api);
registerMarkerTest('native', api);
