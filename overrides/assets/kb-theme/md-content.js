// Material for MkDocs 9.8.2's inline script after the content (partials/javascripts/content.html), as a
// file for the Content-Security-Policy: opens the content tab a link's #hash points at.
var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"));
