// Colours that native components take as a value (Switch `color`, showModal `confirmColor`). The
// stylesheets use the variables in app.css; these are the same two colours.
export const COLOR_PRIMARY = '#1d5bb8'
export const COLOR_DANGER = '#b3261e'
