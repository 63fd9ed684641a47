/** The field app's screens, registered with the shell by route name (`#/<name>?…`); the platform's own (sync, conflict, sign-in) register in main.ts/app.ts. */
import '../field.css';
import { registerScreen } from '../app';
import { assessmentScreen } from './assessment';
import { findingScreen } from './finding';
import { homeScreen } from './home';
import { householdScreen } from './household';
import { patrolScreen } from './patrol';
import { personScreen } from './person';
import { tasksScreen } from './tasks';
import { visitScreen } from './visit';

registerScreen('home', homeScreen);
registerScreen('tasks', tasksScreen);
registerScreen('patrol', patrolScreen);
registerScreen('finding', findingScreen);
registerScreen('visit', visitScreen);
registerScreen('assessment', assessmentScreen);
registerScreen('household', householdScreen);
registerScreen('person', personScreen);
