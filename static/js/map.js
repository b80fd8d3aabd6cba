/* Turns the static SVG hometown map into an interactive Leaflet map, when scripts run.
   It draws the bundled country outlines: no tile server, no request to another host,
   unless the site sets map.tiles in site.yaml. */
(function () {
  "use strict";
  var container = document.getElementById("atlas-map");
  // The pins and journeys: a file of their own, or inline in a page made by an older theme.
  var dataNode = document.getElementById("atlas-data");
  var pins = container && container.getAttribute("data-pins");
  if (!container || !(pins || dataNode) || typeof window.L === "undefined" || !window.fetch) return;

  var L = window.L;
  var base = container.getAttribute("data-base") || "/";
  var style = document.querySelector("link[data-map-style]");
  if (style) style.media = "all";

  function link(path) { return base + path.replace(/^\//, ""); }
  function css(name) { return getComputedStyle(document.documentElement).getPropertyValue(name).trim(); }
  /* Every string from the content (names, places, reasons, summaries) and from site.yaml
     reaches the page as text, never as markup: Leaflet writes a string given to a tooltip,
     a popup or the attribution as HTML, so those get a DOM node made here, or escaped text. */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }
  function label(text) { return el("span", "", String(text == null ? "" : text)); }
  function escaped(text) { return label(text).innerHTML; } // for the attribution, HTML-only

  function json(url, what) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(what + ": HTTP " + response.status);
      return response.json();
    });
  }

  Promise.all([
    json(container.getAttribute("data-geojson"), "map outlines"),
    dataNode ? JSON.parse(dataNode.textContent) : json(pins, "map pins")
  ])
    .then(function (loaded) {
      var region = loaded[0], data = loaded[1];
      var svg = container.querySelector("svg");
      var ratio = svg ? svg.viewBox.baseVal.width / svg.viewBox.baseVal.height : 4 / 3;
      container.style.setProperty("--map-ratio", String(ratio));
      container.classList.add("is-interactive");
      var canvas = el("div", "atlas__leaflet");
      canvas.style.width = "100%";
      canvas.style.height = "100%";
      canvas.setAttribute("role", "region");
      // The page's words, in its language, from the container's attributes.
      canvas.setAttribute("aria-label", container.getAttribute("data-label") || "Interactive map of the artists’ hometowns");
      container.appendChild(canvas);

      var map = L.map(canvas, { zoomSnap: 0.25, scrollWheelZoom: false, attributionControl: true });
      map.attributionControl.setPrefix(false);
      var tiles = container.getAttribute("data-tiles");
      if (tiles) {
        L.tileLayer(tiles, {
          attribution: escaped(container.getAttribute("data-tiles-attribution") || ""),
          maxZoom: Number(container.getAttribute("data-tiles-max-zoom") || 18)
        }).addTo(map);
      }
      var outlines = L.geoJSON(region, {
        style: function (feature) {
          var focus = feature.properties.iso_a3 === "KAZ";
          return {
            color: css("--border-land"), weight: focus ? 1.2 : 0.8,
            fillColor: css(focus ? "--land-focus" : "--land"), fillOpacity: tiles ? 0.25 : 1
          };
        },
        onEachFeature: function (feature, layer) { layer.bindTooltip(label(feature.properties.name), { sticky: true }); }
      });
      var focus = null;
      outlines.eachLayer(function (layer) {
        if (layer.feature.properties.iso_a3 === "KAZ") focus = layer.getBounds();
      });
      // A view first (layers need one): Kazakhstan, with the neighbours around it.
      map.fitBounds(focus || outlines.getBounds(), { padding: [36, 36] });
      map.setMinZoom(map.getZoom() - 1);
      map.setMaxBounds(outlines.getBounds().pad(0.5));
      outlines.addTo(map);
      map.attributionControl.addAttribution("Made with Natural Earth");

      data.journeys.forEach(function (journey) {
        L.polyline([journey.from, [journey.lat, journey.lon]], {
          color: css("--teal"), weight: 2, dashArray: "6 5"
        }).bindTooltip(label(journey.name + " → " + journey.place + (journey.reason ? ": " + journey.reason : "")))
          .addTo(map);
      });

      var middle = map.getCenter().lng;
      data.pins.forEach(function (pin) {
        if (pin.approximate) {
          L.circle([pin.lat, pin.lon], {
            radius: pin.radius_km * 1000, color: css("--felt"), weight: 1.5, dashArray: "4 3",
            fillColor: css("--felt"), fillOpacity: 0.12
          }).addTo(map);
        }
        var popup = el("div", "popup");
        if (pin.picture) {
          var img = el("img", "popup__image");
          img.src = link(pin.picture.src);
          img.alt = pin.picture.alt;
          img.width = pin.picture.width;
          img.height = pin.picture.height;
          popup.appendChild(img);
        }
        var name = el("a", "popup__name", pin.name);
        name.href = link(pin.url);
        popup.appendChild(name);
        popup.appendChild(el("p", "popup__meta",
          pin.discipline.charAt(0).toUpperCase() + pin.discipline.slice(1) + " · " + pin.place +
          (pin.approximate ? " " + (container.getAttribute("data-approximate") || "(approximate)") : "")));
        popup.appendChild(el("p", "popup__summary", pin.summary));
        L.circleMarker([pin.lat, pin.lon], {
          radius: 8, color: css("--surface"), weight: 2, fillColor: css("--felt"), fillOpacity: 1,
          className: "map-marker map-marker--" + pin.slug
        }).bindPopup(popup, { maxWidth: 240, autoPanPadding: [16, 16] })
          .bindTooltip(label(pin.name), {
            className: "map-tooltip", permanent: true,
            // Names point inwards, so that on a phone the easternmost is not cut off.
            direction: pin.lon > middle ? "left" : "right", offset: [pin.lon > middle ? -8 : 8, 0]
          })
          .addTo(map);
      });

      var target = location.hash && location.hash.indexOf("#pin-") === 0 ? location.hash.slice(5) : null;
      if (target) {
        data.pins.forEach(function (pin) { if (pin.slug === target) map.setView([pin.lat, pin.lon], 6); });
      }
    })
    .catch(function (error) {
      container.classList.remove("is-interactive");
      if (window.console) console.warn(error);
    });
})();
