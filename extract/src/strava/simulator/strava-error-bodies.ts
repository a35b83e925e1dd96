/**
 * Strava's error bodies, as its API documents and sends them
 * (https://developers.strava.com/docs/reference/#api-models-Fault): `{ message, errors }`, the 429
 * with `errors` as a string.
 */
export const STRAVA_ERROR_BODIES = Object.freeze({
  unauthorized: {
    message: 'Authorization Error',
    errors: [{ resource: 'Application', field: '', code: 'invalid' }],
  },
  invalidClient: {
    message: 'Bad Request',
    errors: [{ resource: 'Application', field: 'client_id', code: 'invalid' }],
  },
  rateLimited: { errors: 'Rate Limit Exceeded', status: 429, message: 'Too Many Requests' },
});
