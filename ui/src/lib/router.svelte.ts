// Which screen is showing. A small state object rather than URLs: the
// window never navigates (navigation to other origins is blocked anyway).
export type Route =
  | { screen: "letters" }
  | { screen: "letter"; id: number }
  | { screen: "organisations"; id?: number }
  | { screen: "coalitions"; id?: number }
  | { screen: "settings" };

export const nav = $state<{ route: Route; newLetter: number; find: number; exportReq: number }>({
  route: { screen: "letters" },
  // Counters bumped by shortcuts and menu items; screens react to changes.
  newLetter: 0,
  find: 0,
  exportReq: 0,
});

export function go(route: Route) {
  nav.route = route;
}
