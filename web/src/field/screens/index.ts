/** The screens of the field app, registered with the shell (helper U's file: the platform's own screens are in app.ts). */
export {};
