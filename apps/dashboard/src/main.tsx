// Base styles first, so each view's own stylesheet (imported by its module) can refine them.
import './styles.css';
import { render } from 'preact';
import { App } from './app';

render(<App />, document.getElementById('app')!);
