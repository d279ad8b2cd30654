// Services of a city on an offline base layer (world-atlas countries); tiles only when the
// installation configures a tile server. Nothing is fetched from another host by default.
(function () {
  "use strict";

  function start() {
    var element = document.querySelector("[data-service-map]");
    var data = document.getElementById("map-points");
    if (!element || !data || typeof L === "undefined") {
      return;
    }
    var points = JSON.parse(data.textContent);
    var map = L.map(element, { attributionControl: true, scrollWheelZoom: false });
    var tiles = element.getAttribute("data-tiles");
    if (tiles) {
      L.tileLayer(tiles, { maxZoom: 18 }).addTo(map);
    } else {
      fetch(element.getAttribute("data-atlas"))
        .then(function (response) { return response.json(); })
        .then(function (atlas) {
          var land = topojson.feature(atlas, atlas.objects.countries);
          L.geoJSON(land, {
            style: { color: "#6b6b78", weight: 1, fillColor: "#f3f1f8", fillOpacity: 1 },
            interactive: false,
          }).addTo(map).bringToBack();
        });
    }
    var markers = points.map(function (point) {
      return L.circleMarker([point.lat, point.lon], {
        radius: 8,
        color: point.safe_space ? "#1d6b35" : "#4b2a86",
        fillOpacity: 0.8,
      }).bindPopup(document.createTextNode(point.name));
    });
    var group = L.featureGroup(markers).addTo(map);
    if (markers.length) {
      map.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 14 });
    } else {
      map.setView([50, 10], 4);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
