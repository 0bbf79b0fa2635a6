import { App } from 'aws-cdk-lib';
import { loadConfig } from './config.js';
import { addNagChecks, createStacks } from './stacks/index.js';

/** `cdk synth|deploy -c stage=<name>`: the stage's settings come from cdk.json (see infra/config.ts). */
const app = new App();
const config = loadConfig(app.node);
createStacks(app, config);
addNagChecks(app);
app.synth();
