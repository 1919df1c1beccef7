// Runs dependency-cruiser's API with a config file over folders of the current directory and
// prints the config's rules and the violations found as JSON. Its own process, because
// dependency-cruiser is ES-module only and jest's module system loads CommonJS.
import { cruise } from 'dependency-cruiser'
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options'

const [configFile, ...folders] = process.argv.slice(2)
const options = await extractDepcruiseOptions(configFile)
const { output } = await cruise(folders, options)
process.stdout.write(JSON.stringify({ rules: options.ruleSet.forbidden, violations: output.summary.violations }))
